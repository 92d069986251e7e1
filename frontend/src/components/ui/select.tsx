import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  children: ReactNode;
};

export function Select({ label, id, className, children, ...rest }: Props) {
  const generated = useId();
  const selectId = id ?? generated;

  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={selectId}>
        {label}
      </label>
      <select id={selectId} className="field__input field__select" {...rest}>
        {children}
      </select>
    </div>
  );
}
