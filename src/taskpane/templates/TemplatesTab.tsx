/** Templates tab: the starter workbooks, one card each, with an Insert button that adds the template's sheets. */
import { Button, Caption1, Card, CardHeader, Text } from '@fluentui/react-components';
import { DocumentTableRegular } from '@fluentui/react-icons';
import { StatusBar } from '../shell/StatusBar';
import type { TemplateInfo } from './catalog';
import { useTemplates } from './useTemplates';
import { useTemplatesTabStyles } from './TemplatesTab.styles';

/** Props of {@link TemplatesTab}. */
export interface TemplatesTabProps {
  /** Loads a template's bytes; by default fetched from the add-in's own origin. */
  load?: (t: TemplateInfo) => Promise<Uint8Array>;
}

export function TemplatesTab({ load }: TemplatesTabProps = {}) {
  const s = useTemplatesTabStyles();
  const t = useTemplates(load);
  return (
    <div className={s.root}>
      <StatusBar
        message={t.message}
        onDismiss={t.dismiss}
        action={t.undo ? { label: 'Undo', onClick: () => void t.undo?.() } : undefined}
      />
      <Caption1 className={s.intro}>
        Starter models built from SALESOPS functions. Insert adds the sheets at the end of this workbook; existing
        sheets are never changed.
      </Caption1>
      <ul className={s.list} aria-label="Templates">
        {t.templates.map((x) => (
          <li key={x.id}>
            <Card className={s.card} size="small">
              <CardHeader
                image={<DocumentTableRegular fontSize={20} />}
                header={<Text weight="semibold">{x.title}</Text>}
                description={<Caption1 className={s.sheets}>Sheets: {x.sheets.join(', ')}</Caption1>}
                action={
                  <Button
                    appearance="primary"
                    size="small"
                    disabled={t.busy !== null}
                    onClick={() => void t.insert(x)}
                    aria-label={`Insert ${x.title}`}
                  >
                    {t.busy === x.id ? 'Inserting...' : 'Insert'}
                  </Button>
                }
              />
              <Text className={s.description}>{x.description}</Text>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
