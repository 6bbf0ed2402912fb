/** Progress of long work with a Cancel button (pair with useWorker). */
import { Button, Caption1, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { WorkProgress } from '../useWorker';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  field: { flex: 1 },
  percent: { color: tokens.colorNeutralForeground3, minWidth: '3em', textAlign: 'right' },
});

/** Props of {@link WorkProgressBar}. */
export interface WorkProgressBarProps {
  progress: WorkProgress | null;
  onCancel: () => void;
  /** What is running, e.g. "Balancing 5,000 accounts". */
  label: string;
}

export function WorkProgressBar({ progress, onCancel, label }: WorkProgressBarProps) {
  const s = useStyles();
  if (!progress) return null;
  const value = progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <div className={s.root}>
      <Field className={s.field} label={progress.label ?? label}>
        <ProgressBar value={value} />
      </Field>
      <Caption1 className={s.percent}>{value === undefined ? '' : `${Math.round(value * 100)}%`}</Caption1>
      <Button onClick={onCancel}>Cancel</Button>
    </div>
  );
}
