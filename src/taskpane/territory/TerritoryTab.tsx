/** Territory balancing tab. Slot: the territory issue replaces this file (keep the export name). */
import { MapRegular } from '@fluentui/react-icons';
import { ComingSoon } from '../shell/ComingSoon';

export function TerritoryTab() {
  return (
    <ComingSoon icon={<MapRegular />} title="Territory balancing is coming">
      Balance accounts across reps on potential and workload, lock accounts, and apply or undo an alignment.
    </ComingSoon>
  );
}
