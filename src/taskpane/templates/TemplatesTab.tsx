/** Templates tab. Slot: the templates issue replaces this file (keep the export name). */
import { DocumentTableRegular } from '@fluentui/react-icons';
import { ComingSoon } from '../shell/ComingSoon';

export function TemplatesTab() {
  return (
    <ComingSoon icon={<DocumentTableRegular />} title="Planning templates are coming">
      Add ready-made capacity, quota and pipeline sheets wired to SALESOPS functions.
    </ComingSoon>
  );
}
