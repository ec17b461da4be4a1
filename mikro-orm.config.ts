// For MikroORM tooling: the same options the application uses, against DATABASE_URL.
import { ormOptions } from './src/database/orm.js';

export default ormOptions(process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/maillage');
