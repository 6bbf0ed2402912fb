/**
 * The Audit tab's "Compare with...": pick the earlier version (.xlsx), see every change since it grouped by kind
 * (structure, names and tables, formulas, inputs, results with why), click one to select its cell, and write the
 * comparison to a new sheet. The same report as `npx salesops diff`.
 */
import { useRef, useState } from 'react';
import { Badge, Button, Caption1, Card, Link, Subtitle2, Text } from '@fluentui/react-components';
import { ArrowSwapRegular, DocumentTableRegular } from '@fluentui/react-icons';
import { StatusBar } from '../shell/StatusBar';
import { causesByAddress, changeWhere, describeChange } from '../../diff/report';
import { GROUP_OF, type Change, type ChangeGroup } from '../../diff/types';
import type { RangeRef } from '../../workbook/workbook';
import type { Explanation } from '../../audit/types';
import { useCompare } from './useCompare';
import { useAuditTabStyles } from './AuditTab.styles';

/** Changes shown per group before "Show more". */
const PAGE = 50;

const GROUP_COLOR: Record<ChangeGroup, 'danger' | 'warning' | 'informative' | 'brand' | 'subtle'> = {
  structure: 'brand',
  'names and tables': 'subtle',
  formulas: 'danger',
  inputs: 'warning',
  results: 'informative',
};

/** The total line of a SALESOPS explanation ("Total ... 12,300"), for the card. */
function explanationLine(e: Explanation): string {
  const total = e.table.find((r) => r[0] === 'Total');
  const last = total ? total[total.length - 1] : null;
  return `${e.title}${typeof last === 'number' ? `: total ${last.toLocaleString('en-US', { maximumFractionDigits: 2 })}` : ''}`;
}

function ChangeCard(props: {
  change: Change;
  range: RangeRef | null;
  text: string;
  explanation?: Explanation;
  onSelect: (r: RangeRef | null) => void;
  causes: Map<string, RangeRef | null>;
}) {
  const s = useAuditTabStyles();
  const { change, range, text, explanation, onSelect, causes } = props;
  const where = changeWhere(change);
  return (
    <li>
      <Card className={s.card} size="small" aria-label={where} onClick={() => onSelect(range)}>
        <div className={s.summary}>
          <Badge appearance="tint" color={GROUP_COLOR[GROUP_OF[change.kind]]}>
            {change.kind}
          </Badge>
          {range ? (
            <Link
              className={s.address}
              aria-label={`Go to ${where}`}
              onClick={(e) => {
                e.stopPropagation();
                onSelect(range);
              }}
            >
              {where}
            </Link>
          ) : (
            <Text className={s.address}>{where}</Text>
          )}
        </div>
        <Text className={s.detail} size={200}>
          {text}
        </Text>
        {change.because?.length ? (
          <div className={s.cells}>
            <Caption1>because</Caption1>
            {change.because.slice(0, 6).map((b) => (
              <Link
                key={b}
                aria-label={`Go to cause ${b}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onSelect(causes.get(b) ?? null);
                }}
              >
                {b}
              </Link>
            ))}
          </div>
        ) : null}
        {explanation ? <Caption1 className={s.note}>{explanationLine(explanation)}</Caption1> : null}
      </Card>
    </li>
  );
}

export function CompareSection() {
  const s = useAuditTabStyles();
  const c = useCompare();
  const input = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState<Record<string, number>>({});
  const report = c.report;
  const causeText = report ? causesByAddress(report) : new Map<string, Change>();
  // where each cause is, to select it from a result's "because"
  const causeRanges = new Map<string, RangeRef | null>();
  if (report)
    report.changes.forEach(
      (ch, i) =>
        ch.kind !== 'result' &&
        causeRanges.set(
          ch.kind === 'name' || ch.kind === 'table' ? (ch.name ?? '') : changeWhere(ch),
          report.ranges[i],
        ),
    );
  return (
    <section className={s.section} aria-label="Compare">
      <div className={s.toolbar}>
        <Button icon={<ArrowSwapRegular />} disabled={c.running} onClick={() => input.current?.click()}>
          {c.running ? 'Comparing...' : 'Compare with...'}
        </Button>
        <Button
          icon={<DocumentTableRegular />}
          disabled={!report || c.running || c.busy}
          onClick={() => void c.writeReport()}
        >
          Write comparison sheet
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx"
          hidden
          aria-label="Earlier version (.xlsx)"
          data-testid="compare-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void c.compare(file).then(() => setShown({}));
          }}
        />
      </div>
      <StatusBar
        message={c.message}
        onDismiss={c.dismiss}
        action={c.undo ? { label: 'Undo', onClick: () => void c.undo?.() } : undefined}
      />
      {report && c.labels ? (
        <>
          <Caption1 className={s.note}>
            {c.labels.before} (before) against {c.labels.after}
          </Caption1>
          {report.changes.length === 0 ? <Text className={s.empty}>No changes.</Text> : null}
          {c.groups.map((g) => {
            const limit = shown[g.group] ?? PAGE;
            return (
              <div key={g.group} className={s.section}>
                <div className={s.summary}>
                  <Subtitle2 className={s.heading}>{g.title}</Subtitle2>
                  <Badge appearance="filled" color={GROUP_COLOR[g.group]}>
                    {g.items.length}
                  </Badge>
                </div>
                <ul className={s.list} aria-label={`${g.title} changes`}>
                  {g.items.slice(0, limit).map(({ change, index }) => (
                    <ChangeCard
                      key={index}
                      change={change}
                      range={report.ranges[index]}
                      text={describeChange(change, causeText)}
                      explanation={change.address ? report.explanations[`${changeWhere(change)}`] : undefined}
                      onSelect={(r) => void c.select(r)}
                      causes={causeRanges}
                    />
                  ))}
                </ul>
                {g.items.length > limit ? (
                  <Button appearance="subtle" onClick={() => setShown((x) => ({ ...x, [g.group]: limit + PAGE }))}>
                    Show more ({g.items.length - limit} not shown)
                  </Button>
                ) : null}
              </div>
            );
          })}
          {report.notes.map((n) => (
            <Caption1 key={n} className={s.note}>
              {n}
            </Caption1>
          ))}
        </>
      ) : null}
    </section>
  );
}
