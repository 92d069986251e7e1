import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockFetch } from '@/testing/fetch-mock';

import { LoginForm } from './login-form';

const user = {
  user_id: 1,
  username: 'demo',
  email: 'demo@example.com',
  display_name: 'Demo Patron',
  created_at: '2026-01-01T00:00:00Z',
};

describe('LoginForm', () => {
  it('explains empty fields next to them and sends nothing', async () => {
    const actor = userEvent.setup();
    const { fetchMock } = mockFetch({});
    const onSuccess = vi.fn();

    render(<LoginForm onSuccess={onSuccess} />);
    await actor.click(screen.getByRole('button', { name: 'Log in' }));

    const login = screen.getByLabelText('Username or email');
    const password = screen.getByLabelText('Password');

    expect(login).toHaveAttribute('aria-invalid', 'true');
    expect(login).toHaveAccessibleDescription('Enter your username or email.');
    expect(password).toHaveAccessibleDescription('Enter your password.');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('clears a field error once the field is fixed', async () => {
    const actor = userEvent.setup();

    mockFetch({});
    render(<LoginForm onSuccess={vi.fn()} />);
    await actor.click(screen.getByRole('button', { name: 'Log in' }));
    await actor.type(screen.getByLabelText('Username or email'), 'demo');

    expect(screen.getByLabelText('Username or email')).not.toHaveAttribute(
      'aria-invalid',
    );
    expect(screen.queryByText('Enter your username or email.')).toBeNull();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
  });

  it('logs in with username or email and hands over the user', async () => {
    const actor = userEvent.setup();
    const { requests } = mockFetch({
      'POST /api/auth/login': { body: { user } },
    });
    const onSuccess = vi.fn();

    render(<LoginForm onSuccess={onSuccess} />);
    await actor.type(
      screen.getByLabelText('Username or email'),
      'demo@example.com',
    );
    await actor.type(screen.getByLabelText('Password'), 'boxoffice-demo');
    await actor.click(screen.getByRole('button', { name: 'Log in' }));

    expect(requests[0]!.body).toEqual({
      login: 'demo@example.com',
      password: 'boxoffice-demo',
    });
    expect(onSuccess).toHaveBeenCalledWith(user);
  });

  it('says so when the login and password do not match', async () => {
    const actor = userEvent.setup();

    mockFetch({
      'POST /api/auth/login': {
        status: 401,
        body: {
          error: { code: 'unauthenticated', message: 'Not authenticated.' },
        },
      },
    });
    const onSuccess = vi.fn();

    render(<LoginForm onSuccess={onSuccess} />);
    await actor.type(screen.getByLabelText('Username or email'), 'demo');
    await actor.type(screen.getByLabelText('Password'), 'wrong-password');
    await actor.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That username or email and password do not match.',
    );
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('puts server field errors next to the right input', async () => {
    const actor = userEvent.setup();

    mockFetch({
      'POST /api/auth/login': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid.',
            details: { fields: { password: 'must be at most 72 bytes' } },
          },
        },
      },
    });

    render(<LoginForm onSuccess={vi.fn()} />);
    await actor.type(screen.getByLabelText('Username or email'), 'demo');
    await actor.type(screen.getByLabelText('Password'), 'x');
    await actor.click(screen.getByRole('button', { name: 'Log in' }));

    expect(
      await screen.findByText('Password must be at most 72 bytes.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'Password must be at most 72 bytes.',
    );
  });
});
