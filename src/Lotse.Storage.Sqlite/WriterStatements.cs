using Microsoft.Data.Sqlite;

namespace Lotse.Storage.Sqlite;

/// <summary>The writer thread's connection and its prepared statements (used by that thread only).</summary>
internal sealed class WriterStatements : IDisposable
{
    private const string LatestSql = "SELECT id, create_revision, deleted, value FROM log WHERE name = $name ORDER BY id DESC LIMIT 1";

    private const string InsertSql = """
        INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value)
        VALUES ($id, $name, $created, $deleted, $create_revision, $prev_revision, $value)
        """;

    private const string LivePrefixSql = """
        SELECT l.id, l.name, l.create_revision, l.value FROM log AS l
        WHERE l.name >= $start AND l.name < $end AND l.deleted = 0
          AND l.id = (SELECT MAX(n.id) FROM log AS n WHERE n.name = l.name)
        ORDER BY l.name
        """;

    // The compaction walk: rows after the cursor up to the target revision.
    private const string CompactScanSql =
        "SELECT id, name, deleted, prev_revision FROM log WHERE id > $cursor AND id < $bound ORDER BY id LIMIT $limit";

    public WriterStatements(SqliteConnection connection)
    {
        Connection = connection;
        Begin = Prepare("BEGIN IMMEDIATE");
        Commit = Prepare("COMMIT");
        Rollback = Prepare("ROLLBACK");
        Savepoint = Prepare("SAVEPOINT w");
        Release = Prepare("RELEASE w");
        RollbackToSavepoint = Prepare("ROLLBACK TO w");
        Latest = Prepare(LatestSql, "$name");
        Insert = Prepare(InsertSql, "$id", "$name", "$created", "$deleted", "$create_revision", "$prev_revision", "$value");
        LivePrefix = Prepare(LivePrefixSql, "$start", "$end");
        CompactScan = Prepare(CompactScanSql, "$cursor", "$bound", "$limit");
        DeleteRow = Prepare("DELETE FROM log WHERE id = $id", "$id");
        DeleteVersion = Prepare("DELETE FROM log WHERE name = $name AND id >= $from AND id < $to", "$name", "$from", "$to");
        SetMeta = Prepare("UPDATE meta SET value = $value WHERE key = $key", "$key", "$value");
        FreePages = Prepare("PRAGMA freelist_count");
        // 256 pages (1 MB) per step: short enough that queued commits wait at most a few milliseconds.
        IncrementalVacuum = Prepare("PRAGMA incremental_vacuum(256)");
    }

    public SqliteConnection Connection { get; }

    public SqliteCommand Begin { get; }

    public SqliteCommand Commit { get; }

    public SqliteCommand Rollback { get; }

    public SqliteCommand Savepoint { get; }

    public SqliteCommand Release { get; }

    public SqliteCommand RollbackToSavepoint { get; }

    public SqliteCommand Latest { get; }

    public SqliteCommand Insert { get; }

    public SqliteCommand LivePrefix { get; }

    public SqliteCommand CompactScan { get; }

    public SqliteCommand DeleteRow { get; }

    public SqliteCommand DeleteVersion { get; }

    public SqliteCommand SetMeta { get; }

    public SqliteCommand FreePages { get; }

    public SqliteCommand IncrementalVacuum { get; }

    public void Dispose() => Connection.Dispose();

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
