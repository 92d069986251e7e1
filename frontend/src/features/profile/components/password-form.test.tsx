import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockFetch } from '@/testing/fetch-mock';

import { PasswordForm, passwordProblem } from './password-form';

test('passwords are 8 characters to 72 bytes of UTF-8', () => {
  expect(passwordProblem('short')).toMatch(/at least 8/);
  expect(passwordProblem('é'.repeat(37))).toMatch(/at most 72 bytes/);
  expect(passwordProblem('é'.repeat(36))).toBeUndefined();
});

test('a wrong current password is shown next to its field', async () => {
  const { requests } = mockFetch({
    'POST /api/profile/password': {
      status: 403,
      body: { error: { code: 'current_password_wrong', message: 'No.' } },
    },
  });

  render(<PasswordForm />);
  await userEvent.type(screen.getByLabelText('Current password'), 'guess');
  await userEvent.type(screen.getByLabelText('New password'), 'a long new one');
  await userEvent.click(
    screen.getByRole('button', { name: 'Change password' }),
  );

  expect(
    await screen.findByText('That is not your current password.'),
  ).toBeInTheDocument();
  expect(requests[0]!.body).toEqual({
    current_password: 'guess',
    new_password: 'a long new one',
  });
});

test('a changed password says how many other sessions ended', async () => {
  mockFetch({ 'POST /api/profile/password': { body: { sessions_ended: 2 } } });

  render(<PasswordForm />);
  await userEvent.type(screen.getByLabelText('Current password'), 'old secret');
  await userEvent.type(screen.getByLabelText('New password'), 'a long new one');
  await userEvent.click(
    screen.getByRole('button', { name: 'Change password' }),
  );

  expect(
    await screen.findByText('Password changed. 2 other sessions logged out.'),
  ).toBeInTheDocument();
  expect(screen.getByLabelText('New password')).toHaveValue('');
});
