import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockFetch } from '@/testing/fetch-mock';

import { RegisterForm } from './register-form';

async function fill(values: Record<string, string>) {
  const actor = userEvent.setup();

  for (const [label, value] of Object.entries(values)) {
    const input = screen.getByLabelText(label);

    await actor.clear(input);
    if (value) await actor.type(input, value);
  }

  await actor.click(screen.getByRole('button', { name: 'Create account' }));
}

const valid = {
  Username: 'ada.l',
  Email: 'ada@example.com',
  'Display name': 'Ada',
  Password: 'correct horse',
};

describe('RegisterForm', () => {
  it('checks the account rules before sending anything', async () => {
    const { fetchMock } = mockFetch({});

    render(<RegisterForm onSuccess={vi.fn()} />);
    await fill({
      Username: 'a b',
      Email: 'a@b@c',
      'Display name': '   ',
      Password: 'short',
    });

    expect(
      screen.getByText(
        'Use only letters (a–z), digits, dots, underscores and hyphens.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/one “@”/)).toBeInTheDocument();
    expect(
      screen.getByText('Tell us the name to show on your account.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks for 3 to 30 characters in a username', async () => {
    mockFetch({});
    render(<RegisterForm onSuccess={vi.fn()} />);

    await fill({ ...valid, Username: 'ab' });

    expect(screen.getByText('Use 3 to 30 characters.')).toBeInTheDocument();
  });

  it('rejects a password over 72 bytes even when it has few characters', async () => {
    mockFetch({});
    render(<RegisterForm onSuccess={vi.fn()} />);

    // 25 characters of 3 bytes each: 75 bytes.
    await fill({ ...valid, Password: '€'.repeat(25) });

    expect(
      screen.getByText('This password is too long (72 bytes).'),
    ).toBeInTheDocument();
  });

  it('registers and hands over the new user', async () => {
    const user = {
      user_id: 9,
      username: 'ada.l',
      email: 'ada@example.com',
      display_name: 'Ada',
      created_at: '2026-01-01T00:00:00Z',
    };
    const { requests } = mockFetch({
      'POST /api/auth/register': { status: 201, body: { user } },
    });
    const onSuccess = vi.fn();

    render(<RegisterForm onSuccess={onSuccess} />);
    await fill(valid);

    expect(requests[0]!.body).toEqual({
      username: 'ada.l',
      email: 'ada@example.com',
      display_name: 'Ada',
      password: 'correct horse',
    });
    expect(onSuccess).toHaveBeenCalledWith(user);
  });

  it('shows a taken username next to the username input', async () => {
    mockFetch({
      'POST /api/auth/register': {
        status: 409,
        body: {
          error: { code: 'username_taken', message: 'Username in use.' },
        },
      },
    });

    render(<RegisterForm onSuccess={vi.fn()} />);
    await fill(valid);

    expect(
      await screen.findByText(
        'That username is already taken. Try another one.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
