/**
 * The task pane's Fluent themes: Fluent UI v9's web themes with Excel's green as the brand colour (Excel's own
 * accent, #107C41 at shade 80), so buttons, selected tabs and links look like Excel's rather than generic blue.
 */
import { createDarkTheme, createLightTheme, type BrandVariants, type Theme } from '@fluentui/react-components';

/** Brand ramp from Excel green (#107C41 at 80, the shade Fluent uses for primary buttons in the light theme). */
export const excelBrand: BrandVariants = {
  10: '#020805',
  20: '#0B1F14',
  30: '#0E331F',
  40: '#0F4327',
  50: '#0F5430',
  60: '#0F6539',
  70: '#107040',
  80: '#107C41',
  90: '#218C4F',
  100: '#3A9B62',
  110: '#52A975',
  120: '#6AB788',
  130: '#83C59C',
  140: '#9DD3B1',
  150: '#B8E0C7',
  160: '#D3EEDD',
};

export const excelLightTheme: Theme = createLightTheme(excelBrand);

/** Dark theme: Fluent reads brand 100+ for foregrounds on dark, so the lighter shades carry the accent. */
export const excelDarkTheme: Theme = {
  ...createDarkTheme(excelBrand),
  colorBrandForeground1: excelBrand[110],
  colorBrandForeground2: excelBrand[120],
};
