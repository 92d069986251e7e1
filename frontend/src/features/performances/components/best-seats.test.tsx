import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockFetch } from '@/testing/fetch-mock';

import { BestSeatsFinder } from './best-seats';

const sections = [
  {
    section_id: 1,
    name: 'Stalls',
    price_cents: 5500,
    capacity: 40,
    available: 30,
  },
  {
    section_id: 2,
    name: 'Circle',
    price_cents: 3000,
    capacity: 20,
    available: 20,
  },
];

function refuse(spacesFree: number, elsewhere = 0) {
  return mockFetch({
    'POST /api/performances/12/best-seats': {
      status: 409,
      body: {
        error: {
          code: 'no_accessible_seats',
          message: 'No wheelchair space is free.',
          details: {
            wheelchair_spaces_free: spacesFree,
            wheelchair_spaces_free_elsewhere: elsewhere,
          },
        },
      },
    },
  });
}

async function askForWheelchairSpace(section?: string) {
  const user = userEvent.setup();

  render(
    <BestSeatsFinder performanceId={12} sections={sections} onHeld={vi.fn()} />,
  );
  if (section) {
    await user.selectOptions(screen.getByLabelText('Section'), section);
  }
  await user.click(screen.getByLabelText('Wheelchair space'));
  await user.click(
    screen.getByRole('button', { name: 'Find 2 seats together' }),
  );
}

describe('best seats for a wheelchair user', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('suggests fewer seats when a space is free', async () => {
    refuse(1);
    await askForWheelchairSpace();

    expect(
      await screen.findByText(/with that many seats together. Try fewer/),
    ).toBeInTheDocument();
  });

  it('suggests another section when the section has no free space', async () => {
    const { requests } = refuse(0, 2);
    await askForWheelchairSpace('Circle');

    expect(
      await screen.findByText(
        'No wheelchair space is free in this section. Try another section.',
      ),
    ).toBeInTheDocument();
    expect(requests.at(-1)!.body).toMatchObject({
      section_id: 2,
      accessible: true,
    });
  });

  it('does not send to another section when none has a space free', async () => {
    refuse(0, 0);
    await askForWheelchairSpace('Circle');

    expect(
      await screen.findByText(
        'No wheelchair space is free at this performance.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when no space is free at all', async () => {
    refuse(0);
    await askForWheelchairSpace();

    expect(
      await screen.findByText(
        'No wheelchair space is free at this performance.',
      ),
    ).toBeInTheDocument();
  });
});

describe('best seats when too few are left', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says how many seats are still free', async () => {
    const user = userEvent.setup();
    mockFetch({
      'POST /api/performances/12/best-seats': {
        status: 409,
        body: {
          error: {
            code: 'not_enough_seats',
            message: 'There are not that many free seats left.',
            details: { available: 1 },
          },
        },
      },
    });
    render(
      <BestSeatsFinder
        performanceId={12}
        sections={sections}
        onHeld={vi.fn()}
      />,
    );
    await user.click(
      screen.getByRole('button', { name: 'Find 2 seats together' }),
    );

    expect(
      await screen.findByText('Only 1 seat is free right now.'),
    ).toBeInTheDocument();
  });
});
