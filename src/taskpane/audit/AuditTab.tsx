/** Formula audit tab. Slot: the audit issue replaces this file (keep the export name). */
import { ShieldCheckmarkRegular } from '@fluentui/react-icons';
import { ComingSoon } from '../shell/ComingSoon';

export function AuditTab() {
  return (
    <ComingSoon icon={<ShieldCheckmarkRegular />} title="Formula audit is coming">
      Find inconsistent formulas, hard-coded numbers and broken references, and jump to each finding.
    </ComingSoon>
  );
}
