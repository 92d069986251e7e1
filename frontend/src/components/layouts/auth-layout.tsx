import type { ReactNode } from 'react';

import { PRODUCT_NAME } from '@/lib/use-document-title';

import { Logo } from './logo';

export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <div className="auth-card__brand">
          <Logo size={40} />
          <span>{PRODUCT_NAME}</span>
        </div>
        <h1 className="auth-card__title">{title}</h1>
        {subtitle && <p className="auth-card__subtitle">{subtitle}</p>}
        {children}
      </main>
    </div>
  );
}
