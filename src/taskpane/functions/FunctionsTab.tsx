/**
 * The Functions tab: a searchable reference of every SALESOPS function (from the same declarations as
 * functions.json and docs/functions.md): syntax, description, parameters, the errors it can return and a worked
 * example, each with an Insert button that writes the function with placeholders into the selected cell.
 */
import { Badge, Button, Caption1, Card, CardHeader, SearchBox, Text } from '@fluentui/react-components';
import { TextAddRegular } from '@fluentui/react-icons';
import { StatusBar } from '../shell/StatusBar';
import { useFunctions } from './useFunctions';
import { showsMessageInExcel } from './catalog';
import { useFunctionsTabStyles } from './FunctionsTab.styles';

export function FunctionsTab() {
  const s = useFunctionsTabStyles();
  const f = useFunctions();
  return (
    <div className={s.root}>
      <div className={s.sticky}>
        <SearchBox
          placeholder="Search functions, e.g. pipeline"
          value={f.query}
          onChange={(_, d) => f.setQuery(d.value)}
          aria-label="Search functions"
        />
        <StatusBar
          message={f.message}
          onDismiss={f.dismiss}
          action={f.undo ? { label: 'Undo', onClick: () => void f.undo?.() } : undefined}
        />
      </div>
      <Caption1 className={s.count}>
        {f.entries.length === f.total ? `${f.total} functions` : `${f.entries.length} of ${f.total} functions`}
      </Caption1>
      <div className={s.list} role="list" aria-label="SALESOPS functions">
        {f.entries.length === 0 ? <Text className={s.empty}>No function matches “{f.query}”.</Text> : null}
        {f.entries.map((e) => (
          <Card key={e.id} className={s.card} role="listitem" aria-label={e.name} size="small">
            <CardHeader
              header={<Text className={s.name}>{e.name}</Text>}
              action={
                e.spills ? (
                  <Badge appearance="tint" color="informative">
                    spills
                  </Badge>
                ) : undefined
              }
            />
            <code className={s.syntax} aria-label={`${e.name} syntax`}>
              {e.syntax}
            </code>
            <Text className={s.description} size={200}>
              {e.description}
            </Text>
            <ul className={s.params} aria-label={`${e.name} parameters`}>
              {e.params.map((p) => (
                <li key={p.name} className={s.param}>
                  <span className={s.paramName}>{p.optional ? `[${p.name}]` : p.name}</span>
                  <span className={s.paramText}>{p.description}</span>
                </li>
              ))}
            </ul>
            <ul className={s.errors} aria-label={`${e.name} errors`}>
              {e.errors.map((x) => (
                <li key={x.code} className={s.param}>
                  <span className={s.errorCode}>{x.code}</span>
                  <span className={s.paramText}>
                    {x.when}
                    {showsMessageInExcel(x.code) ? '' : ' (Excel shows the code without a message)'}
                  </span>
                </li>
              ))}
            </ul>
            {e.example ? (
              <div className={s.example} title="Example">
                {e.example.formula} → {e.example.expected}
              </div>
            ) : null}
            <div className={s.footer}>
              <Caption1 className={s.count}>
                {e.params.filter((p) => !p.optional).length} required, {e.params.filter((p) => p.optional).length}{' '}
                optional
              </Caption1>
              <Button
                appearance="primary"
                size="small"
                icon={<TextAddRegular />}
                disabled={f.busy}
                onClick={() => void f.insert(e)}
                aria-label={`Insert ${e.name}`}
              >
                Insert
              </Button>
            </div>
          </Card>
        ))}
      </div>
    </div>
  );
}
