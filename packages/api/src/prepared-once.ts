/**
 * `prepare(db)` once per database object, its statements reused on every later call: a
 * statement prepared on a connection stays valid for that connection's life, and preparing
 * costs more than running for the small statements on the booking and reading paths.
 */
export function preparedOnce<Db extends object, Statements>(
  prepare: (db: Db) => Statements,
): (db: Db) => Statements {
  const prepared = new WeakMap<Db, Statements>();
  return (db) => {
    let statements = prepared.get(db);
    if (!statements) {
      statements = prepare(db);
      prepared.set(db, statements);
    }
    return statements;
  };
}
