/**
 * The Territory tab: pick the accounts and reps tables, map their columns, choose metrics, tolerance and priorities,
 * balance in a worker (progress, cancel), look at each rep's load against its band before and after and at the moved
 * accounts, then Apply (new "Proposed owner" column + "Territory summary" sheet) or Undo.
 * Fast mode runs in the browser; the exact HiGHS mode is offered by the command line (`salesops balance --mode exact`).
 */
import {
  Body1Strong,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Select,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { StatusBar } from '../shell/StatusBar';
import { WorkProgressBar } from '../shell/WorkProgressBar';
import type { WorkerLike } from '../useWorker';
import type { RangeData } from '../../workbook/workbook';
import { inlineTerritoryWorker } from './job';
import { ACCOUNT_COUNT_LABEL } from './mapping';
import { LoadChart } from './LoadChart';
import { sourceLabel, useTerritory, type Source } from './useTerritory';
import { useTerritoryTabStyles } from './TerritoryTab.styles';

/** Props of {@link TerritoryTab}. */
export interface TerritoryTabProps {
  /** Creates the balancing worker (a Web Worker on territory.worker.ts); default: the same job on the page. */
  createWorker?: () => WorkerLike;
}

const NONE = '-1';

function ColumnSelect({
  label,
  data,
  value,
  onChange,
  optional = true,
}: {
  label: string;
  data: RangeData;
  value: number;
  onChange: (v: number) => void;
  optional?: boolean;
}) {
  return (
    <Field label={label}>
      <Select value={String(value)} onChange={(_, d) => onChange(Number(d.value))} aria-label={label}>
        {optional ? <option value={NONE}>(none)</option> : null}
        {data.headers.map((h, i) => (
          <option key={i} value={String(i)}>
            {h || `column ${i + 1}`}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function SourcePicker({
  label,
  tables,
  value,
  onChange,
  onSelection,
}: {
  label: string;
  tables: { name: string }[];
  value: Source | null;
  onChange: (s: Source | null) => void;
  onSelection: () => void;
}) {
  const s = useTerritoryTabStyles();
  const current = value === null ? '' : value.kind === 'table' ? `table:${value.name}` : 'range';
  return (
    <div className={s.row}>
      <Field className={s.grow} label={label}>
        <Select
          aria-label={label}
          value={current}
          onChange={(_, d) => onChange(d.value.startsWith('table:') ? { kind: 'table', name: d.value.slice(6) } : null)}
        >
          <option value="">(choose a table)</option>
          {tables.map((t) => (
            <option key={t.name} value={`table:${t.name}`}>
              {t.name}
            </option>
          ))}
          {value?.kind === 'range' ? <option value="range">{sourceLabel(value)}</option> : null}
        </Select>
      </Field>
      <Button onClick={onSelection} aria-label={`Use the selected range for ${label.toLowerCase()}`}>
        Use selection
      </Button>
    </div>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function TerritoryTab({ createWorker = inlineTerritoryWorker }: TerritoryTabProps = {}) {
  const s = useTerritoryTabStyles();
  const t = useTerritory(createWorker);
  const ready = !!(
    t.accountsData &&
    t.repsData &&
    t.accountCols &&
    t.repCols &&
    t.accountCols.id >= 0 &&
    t.repCols.id >= 0 &&
    (t.accountCols.metrics.length > 0 || t.accountCols.accountCount)
  );
  const v = t.view;
  return (
    <div className={s.root}>
      <StatusBar
        message={t.message}
        onDismiss={t.dismiss}
        action={t.applied ? { label: 'Undo', onClick: () => void t.undo() } : undefined}
      />
      <section className={s.section} aria-label="Tables">
        <SourcePicker
          label="Accounts"
          tables={t.tables}
          value={t.accountsSource}
          onChange={(x) => void t.setAccountsSource(x)}
          onSelection={() => void t.takeSelection('accounts')}
        />
        <SourcePicker
          label="Reps"
          tables={t.tables}
          value={t.repsSource}
          onChange={(x) => void t.setRepsSource(x)}
          onSelection={() => void t.takeSelection('reps')}
        />
      </section>

      {t.accountsData && t.accountCols ? (
        <section className={s.section} aria-label="Account columns">
          <Subtitle2>Account columns</Subtitle2>
          <div className={s.mapping}>
            <ColumnSelect
              label="Account id"
              data={t.accountsData}
              value={t.accountCols.id}
              optional={false}
              onChange={(id) => t.setAccountCols({ ...t.accountCols!, id })}
            />
            <ColumnSelect
              label="Current owner"
              data={t.accountsData}
              value={t.accountCols.owner}
              onChange={(owner) => t.setAccountCols({ ...t.accountCols!, owner })}
            />
            <ColumnSelect
              label="Locked"
              data={t.accountsData}
              value={t.accountCols.locked}
              onChange={(locked) => t.setAccountCols({ ...t.accountCols!, locked })}
            />
            <ColumnSelect
              label="Family"
              data={t.accountsData}
              value={t.accountCols.family}
              onChange={(family) => t.setAccountCols({ ...t.accountCols!, family })}
            />
            <ColumnSelect
              label="Latitude"
              data={t.accountsData}
              value={t.accountCols.lat}
              onChange={(lat) => t.setAccountCols({ ...t.accountCols!, lat })}
            />
            <ColumnSelect
              label="Longitude"
              data={t.accountsData}
              value={t.accountCols.lon}
              onChange={(lon) => t.setAccountCols({ ...t.accountCols!, lon })}
            />
          </div>
          <Body1Strong>Balance on</Body1Strong>
          <div className={s.metrics} role="group" aria-label="Metrics to balance">
            {t.accountsData.headers.map((h, i) =>
              [t.accountCols!.id, t.accountCols!.owner, t.accountCols!.locked, t.accountCols!.family].includes(
                i,
              ) ? null : (
                <Checkbox
                  key={i}
                  label={h}
                  checked={t.accountCols!.metrics.includes(i)}
                  onChange={(_, d) =>
                    t.setAccountCols({
                      ...t.accountCols!,
                      metrics: d.checked
                        ? [...t.accountCols!.metrics, i].sort((a, b) => a - b)
                        : t.accountCols!.metrics.filter((m) => m !== i),
                    })
                  }
                />
              ),
            )}
            <Checkbox
              label={ACCOUNT_COUNT_LABEL}
              checked={!!t.accountCols.accountCount}
              onChange={(_, d) => t.setAccountCols({ ...t.accountCols!, accountCount: !!d.checked })}
            />
          </div>
        </section>
      ) : null}

      {t.repsData && t.repCols ? (
        <section className={s.section} aria-label="Rep columns">
          <Subtitle2>Rep columns</Subtitle2>
          <div className={s.mapping}>
            <ColumnSelect
              label="Rep id"
              data={t.repsData}
              value={t.repCols.id}
              optional={false}
              onChange={(id) => t.setRepCols({ ...t.repCols!, id })}
            />
            <ColumnSelect
              label="Capacity weight"
              data={t.repsData}
              value={t.repCols.weight}
              onChange={(weight) => t.setRepCols({ ...t.repCols!, weight })}
            />
            <ColumnSelect
              label="Home latitude"
              data={t.repsData}
              value={t.repCols.lat}
              onChange={(lat) => t.setRepCols({ ...t.repCols!, lat })}
            />
            <ColumnSelect
              label="Home longitude"
              data={t.repsData}
              value={t.repCols.lon}
              onChange={(lon) => t.setRepCols({ ...t.repCols!, lon })}
            />
            <ColumnSelect
              label="Max accounts"
              data={t.repsData}
              value={t.repCols.maxAccounts}
              onChange={(maxAccounts) => t.setRepCols({ ...t.repCols!, maxAccounts })}
            />
          </div>
        </section>
      ) : null}

      <section className={s.section} aria-label="Settings">
        <div className={s.row}>
          <Field
            className={s.grow}
            label="Tolerance (plus or minus %)"
            hint="Each rep's load must stay this close to its share."
          >
            <Input
              className={s.fill}
              type="number"
              aria-label="Tolerance percent"
              value={String(t.tolerancePercent)}
              min={0}
              onChange={(_, d) => t.setTolerancePercent(Math.max(0, Number(d.value) || 0))}
            />
          </Field>
        </div>
        <div className={s.row}>
          <Field className={s.grow} label="Keep owners (disruption)">
            <Input
              className={s.fill}
              type="number"
              aria-label="Disruption priority"
              value={String(t.priorities.disruption)}
              min={0}
              step={0.1}
              onChange={(_, d) => t.setPriorities({ ...t.priorities, disruption: Math.max(0, Number(d.value) || 0) })}
            />
          </Field>
          <Field className={s.grow} label="Short travel">
            <Input
              className={s.fill}
              type="number"
              aria-label="Travel priority"
              value={String(t.priorities.travel)}
              min={0}
              step={0.1}
              onChange={(_, d) => t.setPriorities({ ...t.priorities, travel: Math.max(0, Number(d.value) || 0) })}
            />
          </Field>
        </div>
        <Caption1 className={s.help}>
          Among balanced plans, the one with the lowest priority-weighted cost wins. Disruption is the share of accounts
          that change owner (0 to 1); travel is the workload-weighted distance from each account to its rep&apos;s home,
          where 1 is as bad as a random assignment. With 1 and 0.2, moving 10% of accounts costs as much as halving
          travel. Locked accounts never move and families stay together.
        </Caption1>
        <div className={s.actions}>
          <Button appearance="primary" disabled={!ready || t.running} onClick={() => void t.run()}>
            Balance
          </Button>
        </div>
        {t.running ? <WorkProgressBar progress={t.progress} onCancel={t.cancel} label="Balancing territories" /> : null}
      </section>

      {v ? (
        <section className={s.section} aria-label="Result">
          <Subtitle2>{v.result.feasible ? 'Balanced plan' : 'Most balanced plan found'}</Subtitle2>
          <div className={s.summary} aria-label="Summary">
            <Text>Accounts moved</Text>
            <Text>
              {v.result.accountsMoved} ({pct(v.result.accountsMovedShare)})
            </Text>
            <Text>Potential moved</Text>
            <Text>{pct(v.result.potentialMovedShare)}</Text>
            {v.result.travelMeanKm !== null ? (
              <>
                <Text>Travel (mean / max)</Text>
                <Text>
                  {v.result.travelMeanKm.toFixed(0)} km / {(v.result.travelMaxKm ?? 0).toFixed(0)} km
                </Text>
              </>
            ) : null}
            <Text>Run time</Text>
            <Text>{(v.result.runMs / 1000).toFixed(2)} s</Text>
            {v.result.lowerBound !== null ? (
              <>
                <Text>Lower bound</Text>
                <Text>
                  {v.result.lowerBound.toFixed(4)} (objective {v.result.objective.toFixed(4)}
                  {v.result.gap !== null ? `, gap ${pct(v.result.gap)}` : ''})
                </Text>
              </>
            ) : null}
            {v.result.metrics.flatMap((m) => [
              <Text key={`${m.name}-label`}>{m.name}: largest deviation</Text>,
              <Text key={`${m.name}-value`}>
                {Number.isFinite(m.largestDeviation) ? pct(m.largestDeviation) : 'n/a'} (
                {m.feasible ? 'within' : 'outside'} ±{pct(m.tolerance)})
              </Text>,
            ])}
          </div>
          {v.metricNames.map((name, m) => (
            <div key={name}>
              <Body1Strong>{name}</Body1Strong>
              <LoadChart
                metric={name}
                reps={v.repIds}
                before={v.before.map((b) => b[m])}
                after={v.result.reps.map((r) => r.loads[m])}
                targets={v.result.reps.map((r) => r.targets[m])}
                tolerance={v.tolerance}
              />
            </div>
          ))}
          <Body1Strong>Moved accounts</Body1Strong>
          <ul className={s.moved} aria-label="Moved accounts">
            {v.result.assignments
              .filter((a) => a.moved)
              .map((a) => (
                <li key={a.id}>
                  {a.id}: {a.currentOwner} → {a.owner}
                </li>
              ))}
          </ul>
          <div className={s.actions}>
            <Button appearance="primary" disabled={t.busy || t.applied} onClick={() => void t.apply()}>
              Apply
            </Button>
            <Button disabled={t.busy || !t.applied} onClick={() => void t.undo()}>
              Undo
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
