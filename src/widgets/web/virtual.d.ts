/** Built by src/widgets/build.mjs from src/widgets/documents: document name → `sha256:<hex>` id. */
declare module 'maillage:documents' {
  const ids: Record<'widget-ecosystem' | 'widget-events' | 'widget-programmes' | 'widget-communes' | 'widget-map', string>;
  export default ids;
}
