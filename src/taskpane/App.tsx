/**
 * The task pane shell: Fluent theme, header, and the four tabs. Each tab is a component slot other features fill
 * (territory/TerritoryTab, audit/AuditTab, templates/TemplatesTab, functions/FunctionsTab); every tab reaches the
 * workbook through useWorkbook().
 */
import { Caption1, FluentProvider, Subtitle2, Tab, TabList } from '@fluentui/react-components';
import { excelDarkTheme, excelLightTheme } from './theme';
import { useState } from 'react';
import { WorkbookProvider } from './WorkbookContext';
import type { Workbook } from '../workbook/workbook';
import type { WorkerLike } from './useWorker';
import { FunctionsTab } from './functions/FunctionsTab';
import { TerritoryTab } from './territory/TerritoryTab';
import { AuditTab } from './audit/AuditTab';
import { TemplatesTab } from './templates/TemplatesTab';
import { useAppStyles } from './App.styles';

export type TabId = 'territory' | 'audit' | 'templates' | 'functions';

export const TABS: { id: TabId; label: string }[] = [
  { id: 'territory', label: 'Territory' },
  { id: 'audit', label: 'Audit' },
  { id: 'templates', label: 'Templates' },
  { id: 'functions', label: 'Functions' },
];

/** Props of {@link App}. */
export interface AppProps {
  workbook: Workbook;
  /** Office's theme (dark when Excel is dark); light by default. */
  theme?: 'light' | 'dark';
  /** The tab shown first. */
  initialTab?: TabId;
  /** Starts the territory Web Worker (bundled entries pass createTerritoryWebWorker; tests run it inline). */
  createTerritoryWorker?: () => WorkerLike;
}

function Logo({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true">
      <rect x="1" y="1" width="30" height="30" rx="6" fill="#107C41" />
      <rect x="7" y="17" width="4" height="8" rx="1" fill="#fff" />
      <rect x="14" y="12" width="4" height="13" rx="1" fill="#fff" />
      <rect x="21" y="7" width="4" height="18" rx="1" fill="#fff" />
    </svg>
  );
}

export function App({ workbook, theme = 'light', initialTab = 'functions', createTerritoryWorker }: AppProps) {
  const s = useAppStyles();
  const [tab, setTab] = useState<TabId>(initialTab);
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([initialTab]));
  const show = (id: TabId) => {
    setTab(id);
    setVisited((v) => (v.has(id) ? v : new Set([...v, id])));
  };
  return (
    <FluentProvider theme={theme === 'dark' ? excelDarkTheme : excelLightTheme} style={{ height: '100%' }}>
      <WorkbookProvider workbook={workbook}>
        <div className={s.root}>
          <header className={s.header}>
            <Logo className={s.logo} />
            <div className={s.titles}>
              <Subtitle2 as="h1">SalesOps Planner</Subtitle2>
              <Caption1 className={s.subtitle}>Connected to {workbook.host}</Caption1>
            </div>
          </header>
          <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => show(d.value as TabId)} size="small">
            {TABS.map((t) => (
              <Tab key={t.id} value={t.id}>
                {t.label}
              </Tab>
            ))}
          </TabList>
          {/* A tab stays mounted once opened (hidden when another is shown), so its state survives a tab switch:
              a territory result, an audit report, the Undo of an inserted template. */}
          {TABS.filter((t) => visited.has(t.id)).map((t) => (
            <main key={t.id} className={s.panel} role="tabpanel" aria-label={t.label} hidden={tab !== t.id}>
              {t.id === 'territory' ? (
                <TerritoryTab {...(createTerritoryWorker ? { createWorker: createTerritoryWorker } : {})} />
              ) : null}
              {t.id === 'audit' ? <AuditTab /> : null}
              {t.id === 'templates' ? <TemplatesTab /> : null}
              {t.id === 'functions' ? <FunctionsTab /> : null}
            </main>
          ))}
        </div>
      </WorkbookProvider>
    </FluentProvider>
  );
}

/** Office's theme as light/dark: dark when the body background is dark. */
export function themeFromOffice(bodyBackgroundColor: string | undefined): 'light' | 'dark' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bodyBackgroundColor ?? '');
  if (!m) return 'light';
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  // relative luminance (sRGB approximation): below half is a dark theme
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}
