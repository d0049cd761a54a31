using Microsoft.Data.Sqlite;

namespace Lotse.Storage.Sqlite;

/// <summary>
/// The on-disk layout: one append-only log table, one row per changed key per revision (kine's idea).
/// A commit of N operations is ONE revision but N rows, so the row id is not the revision itself:
/// <c>id = revision &lt;&lt; 24 | operation index</c>. That keeps "row order = revision order" with no separate
/// revision column or index (one B-tree less to write per row), and revision ranges become row-id ranges.
/// 24 bits allow 16.7 M operations per commit and 2^39 (5.5e11) revisions — 17 years at 1,000 commits/s.
/// </summary>
internal static class LogSchema
{
    public const int OperationBits = 24;

    public const int MaxOperationsPerCommit = 1 << OperationBits;

    public const int SchemaVersion = 1;

    /// <summary>The first row id of <paramref name="revision"/>; every row of revisions ≤ r has an id &lt; FirstRowId(r + 1).</summary>
    public static long FirstRowId(long revision) => revision << OperationBits;

    public static long RevisionOf(long rowId) => rowId >> OperationBits;

    // created/deleted: flags. create_revision: when the key was (re)created. prev_revision: revision of the
    // previous row of the same name (0 if none). value: the new value; empty for a tombstone.
    // There is no old_value column (kine has one): the previous version stays reachable as (name, prev_revision)
    // because compaction always keeps the newest row ≤ the compacted revision, so an update writes ~1 KB, not ~2 KB.
    // UNIQUE(name, prev_revision) is the compare-and-swap guard: two writers that both saw revision p of a key
    // cannot both append after it, even if a bug or a second process bypassed the single writer.
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS log (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            value BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS log_name_prev ON log (name, prev_revision);
        CREATE INDEX IF NOT EXISTS log_name_id ON log (name, id);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', 1), ('compact_revision', 0), ('compact_through', 0);
        """;

    /// <summary>Settings every connection needs. busy_timeout covers WAL checkpoints that briefly lock readers out.</summary>
    public static void ConfigureConnection(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = OFF;");
    }

    /// <summary>
    /// Creates the file layout if missing and returns the current revision, the compacted revision (reads below
    /// it fail) and the revision through which compaction has finished deleting (its next walk starts there).
    /// </summary>
    public static (long Current, long Compacted, long CompactedThrough) Initialize(SqliteConnection connection)
    {
        // auto_vacuum must be chosen before the first table exists; INCREMENTAL lets compaction hand pages back
        // to the file system in small steps instead of the database only ever growing (kine#607).
        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
        // WAL: readers never block the writer. synchronous=FULL fsyncs the WAL at every commit, so an
        // acknowledged write survives kill -9 and power loss, like etcd's fsync per batch.
        Execute(connection, "PRAGMA journal_mode = WAL;");
        // Truncate the WAL back to 64 MB after checkpoints so a burst does not leave a huge file behind.
        Execute(connection, "PRAGMA journal_size_limit = 67108864;");
        ConfigureConnection(connection);
        Execute(connection, CreateSql);

        var version = ScalarLong(connection, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (version != SchemaVersion)
        {
            throw new InvalidOperationException($"database schema version {version} is not supported (expected {SchemaVersion})");
        }

        var compacted = ScalarLong(connection, "SELECT value FROM meta WHERE key = 'compact_revision'");
        var through = ScalarLong(connection, "SELECT value FROM meta WHERE key = 'compact_through'");
        var maxRowId = ScalarLong(connection, "SELECT COALESCE(MAX(id), 0) FROM log");
        // Compaction may delete the tombstones of the newest revisions, but only up to the compacted revision,
        // so max(newest row, compacted revision) is exactly the last revision ever handed out.
        return (Math.Max(RevisionOf(maxRowId), compacted), compacted, through);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long ScalarLong(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
