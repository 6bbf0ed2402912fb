/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, themeFromOffice } from '../../src/taskpane/App';
import { HeadlessWorkbook } from '../../src/hosts/headless/workbook';
import { createEngine } from '../../src/hosts/headless/engine';

describe('task pane shell', () => {
  it('shows the four tabs with Functions selected, and the host it is connected to', () => {
    render(<App workbook={new HeadlessWorkbook(createEngine({ Sheet1: [] }))} />);
    // Fluent keeps a hidden bold copy of each label to reserve its width: read the accessible names instead
    const tabs = screen.getAllByRole('tab');
    expect(tabs.length).toBe(4);
    ['Territory', 'Audit', 'Templates', 'Functions'].forEach((name, i) =>
      expect(screen.getByRole('tab', { name })).toBe(tabs[i]),
    );
    expect(screen.getByRole('tab', { name: 'Functions' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Connected to Playground')).not.toBeNull();
  });

  it.each(['Territory', 'Audit', 'Templates'])(
    'switches to the %s slot (its own panel, no function list)',
    async (tab) => {
      render(<App workbook={new HeadlessWorkbook(createEngine({ Sheet1: [] }))} />);
      await userEvent.click(screen.getByRole('tab', { name: tab }));
      expect(screen.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
      const panel = screen.getByRole('tabpanel');
      expect(panel.getAttribute('aria-label')).toBe(tab);
      expect(panel.textContent?.length).toBeGreaterThan(0);
      expect(within(panel).queryByRole('list', { name: 'SALESOPS functions' })).toBeNull();
    },
  );
});

describe('tab state', () => {
  it('keeps what a tab holds when the user switches away and back (its panel is hidden, not unmounted)', async () => {
    render(<App workbook={new HeadlessWorkbook(createEngine({ Sheet1: [] }))} />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search functions' }), 'quota');
    await userEvent.click(screen.getByRole('tab', { name: 'Audit' }));
    expect(screen.queryByRole('searchbox', { name: 'Search functions' })).toBeNull(); // hidden from the user
    await userEvent.click(screen.getByRole('tab', { name: 'Functions' }));
    expect((screen.getByRole('searchbox', { name: 'Search functions' }) as HTMLInputElement).value).toBe('quota');
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
  });
});

describe('themeFromOffice', () => {
  it.each([
    ['#FFFFFF', 'light'], // Office "White"/"Colorful"
    ['#262626', 'dark'], // Office "Dark Gray"
    ['#000000', 'dark'], // Office "Black"
    ['#E6E6E6', 'light'], // Office "Light Gray"
    [undefined, 'light'],
    ['not a colour', 'light'],
  ])('%s is %s', (bg, theme) => {
    expect(themeFromOffice(bg)).toBe(theme);
  });
});
