/**
 * The Audit tab: runs the formula audit over the workbook (progress, cancel), lists findings by severity with what
 * to do (click one to select its cells), lists every SALESOPS formula with its definition, the ranges it reads and
 * its explanation, and writes the report to a new "SalesOps Audit" sheet (with Undo). "Compare with..." compares the
 * open workbook with an earlier version (CompareSection).
 */
import { useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Card,
  Link,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { DocumentTableRegular, ShieldCheckmarkRegular } from '@fluentui/react-icons';
import { StatusBar } from '../shell/StatusBar';
import { WorkProgressBar } from '../shell/WorkProgressBar';
import type { CellValue, RangeRef } from '../../workbook/workbook';
import { isCellError } from '../../workbook/workbook';
import type { Explanation, Finding, InventoryItem, Severity } from '../../audit/types';
import { useAudit } from './useAudit';
import { useAuditTabStyles } from './AuditTab.styles';
import { CompareSection } from './CompareSection';

const SEVERITY: Record<Severity, { label: string; color: 'danger' | 'warning' | 'informative' }> = {
  high: { label: 'High', color: 'danger' },
  medium: { label: 'Medium', color: 'warning' },
  low: { label: 'Low', color: 'informative' },
};

/** How many SALESOPS formulas are shown before "Show more" (a pane cannot hold 50,000 panels). */
const PAGE = 100;

const refText = (r: RangeRef) => `${/^[A-Za-z_][\w.]*$/.test(r.sheet) ? r.sheet : `'${r.sheet}'`}!${r.address}`;

function showValue(v: CellValue): string {
  if (v === null) return '(blank)';
  if (isCellError(v)) return v.message ? `${v.error}: ${v.message}` : v.error;
  if (typeof v === 'number') return v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return String(v);
}

function FindingCard({ finding, onSelect }: { finding: Finding; onSelect: (r: RangeRef) => void }) {
  const s = useAuditTabStyles();
  const first = finding.cells[0];
  return (
    <li>
      <Card className={s.card} size="small" aria-label={finding.title} onClick={() => first && onSelect(first)}>
        <Text className={s.title}>{finding.title}</Text>
        <Text className={s.detail} size={200}>
          {finding.detail}
        </Text>
        <Text className={s.action} size={200}>
          {finding.action}
        </Text>
        <div className={s.cells}>
          {finding.cells.slice(0, 8).map((c) => (
            <Link
              key={refText(c)}
              onClick={(e) => {
                e.stopPropagation();
                onSelect(c);
              }}
              aria-label={`Go to ${refText(c)}`}
            >
              {refText(c)}
            </Link>
          ))}
          {finding.cells.length > 8 ? <Caption1>and {finding.cells.length - 8} more</Caption1> : null}
        </div>
      </Card>
    </li>
  );
}

function ExplanationTable({ explanation }: { explanation: Explanation }) {
  const s = useAuditTabStyles();
  const [head, ...rows] = explanation.table;
  const cell = (v: string | number) =>
    typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 4 }) : v;
  return (
    <div>
      <Caption1>{explanation.title}</Caption1>
      {explanation.note ? <Caption1 className={s.note}> ({explanation.note})</Caption1> : null}
      {head ? (
        <Table size="extra-small" className={s.table} aria-label={explanation.title}>
          <TableHeader>
            <TableRow>
              {head.map((h, j) => (
                <TableHeaderCell key={j}>{cell(h)}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={i}>
                {r.map((v, j) => (
                  <TableCell key={j} className={typeof v === 'number' ? s.number : undefined}>
                    {cell(v)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}

function InventoryEntry({ item, onSelect }: { item: InventoryItem; onSelect: (r: RangeRef) => void }) {
  const s = useAuditTabStyles();
  const ref = { sheet: item.sheet, address: item.address };
  return (
    <AccordionItem value={refText(ref)}>
      <AccordionHeader size="small">
        <span className={s.headerText}>
          <span className={s.address}>
            {refText(ref)} = {showValue(item.value)}
          </span>
          <span className={s.formula}>{item.formula}</span>
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <div className={s.panel}>
          <Text size={200}>{item.definition}</Text>
          <Caption1>
            Reads:{' '}
            {item.reads.length
              ? item.reads
                  .map((r) => `${refText(r)} (${r.rows} x ${r.cols}${r.param ? `, ${r.param}` : ''})`)
                  .join('; ')
              : 'no ranges'}
          </Caption1>
          <ExplanationTable explanation={item.explanation} />
          <div>
            <Button size="small" onClick={() => onSelect(ref)} aria-label={`Select ${refText(ref)}`}>
              Select cell
            </Button>
          </div>
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

export function AuditTab() {
  const s = useAuditTabStyles();
  const a = useAudit();
  const [shown, setShown] = useState(PAGE);
  const report = a.report;
  return (
    <div className={s.root}>
      <div className={s.toolbar}>
        <Button
          appearance="primary"
          icon={<ShieldCheckmarkRegular />}
          disabled={a.running}
          onClick={() => void a.run().then(() => setShown(PAGE))}
        >
          {report ? 'Run audit again' : 'Run audit'}
        </Button>
        <Button
          icon={<DocumentTableRegular />}
          disabled={!report || a.running || a.busy}
          onClick={() => void a.writeReport()}
        >
          Write report sheet
        </Button>
      </div>
      <WorkProgressBar progress={a.progress} onCancel={a.cancel} label="Auditing formulas" />
      <StatusBar
        message={a.message}
        onDismiss={a.dismiss}
        action={a.undo ? { label: 'Undo', onClick: () => void a.undo?.() } : undefined}
      />
      <CompareSection />
      {!report && !a.running ? (
        <Text className={s.empty}>
          Checks every formula for inconsistent patterns, typed-over numbers, hidden constants, errors, broken planning
          tables and bad references, and explains every SALESOPS number.
        </Text>
      ) : null}
      {report ? (
        <>
          <div className={s.summary} aria-label="Audit summary">
            <Caption1>
              {report.summary.formulas} formulas, {report.summary.salesopsFormulas} SALESOPS
            </Caption1>
            {(['high', 'medium', 'low'] as Severity[]).map((sev) => (
              <Badge key={sev} appearance="tint" color={SEVERITY[sev].color}>
                {report.summary.findings[sev]} {SEVERITY[sev].label.toLowerCase()}
              </Badge>
            ))}
          </div>
          <section className={s.section} aria-label="Findings">
            <Subtitle2 className={s.heading}>Findings</Subtitle2>
            {a.groups.length === 0 ? <Text className={s.empty}>No findings.</Text> : null}
            {a.groups.map((g) => (
              <div key={g.severity} className={s.section}>
                <div className={s.summary}>
                  <Badge appearance="filled" color={SEVERITY[g.severity].color}>
                    {SEVERITY[g.severity].label}
                  </Badge>
                  <Caption1>{g.findings.length}</Caption1>
                </div>
                <ul className={s.list} aria-label={`${SEVERITY[g.severity].label} findings`}>
                  {g.findings.map((f, i) => (
                    <FindingCard key={i} finding={f} onSelect={(r) => void a.select(r)} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
          <section className={s.section} aria-label="SALESOPS formulas">
            <Subtitle2 className={s.heading}>SALESOPS formulas</Subtitle2>
            {report.inventory.length === 0 ? (
              <Text className={s.empty}>No SALESOPS formulas in this workbook.</Text>
            ) : null}
            <Accordion collapsible multiple>
              {report.inventory.slice(0, shown).map((item) => (
                <InventoryEntry key={`${item.sheet}!${item.address}`} item={item} onSelect={(r) => void a.select(r)} />
              ))}
            </Accordion>
            {report.inventory.length > shown ? (
              <Button appearance="subtle" onClick={() => setShown((n) => n + PAGE)}>
                Show more ({report.inventory.length - shown} not shown)
              </Button>
            ) : null}
          </section>
          {report.notes.map((n) => (
            <Caption1 key={n} className={s.note}>
              {n}
            </Caption1>
          ))}
        </>
      ) : null}
    </div>
  );
}
