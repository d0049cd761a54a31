using Microsoft.Data.Sqlite;

namespace Lotse.Storage.Sqlite;

/// <summary>
/// One read connection with its prepared statements. WAL lets any number of these read while the single
/// writer commits; each statement sees one consistent snapshot. Sessions are pooled by <see cref="SqliteStore"/>
/// because preparing the statements costs more than running them (a Get is a single index probe).
/// </summary>
internal sealed class ReadSession : IDisposable
{
    // Newest row of one key at or below a revision bound (row ids below FirstRowId(rev + 1)).
    private const string GetSql =
        "SELECT id, create_revision, deleted, value FROM log WHERE name = $name AND id < $bound ORDER BY id DESC LIMIT 1";

    // Walks the (name, id) index in key order and keeps, per key, the newest row under the bound if it is live.
    // Streaming in index order needs no sort, so LIMIT stops the scan early (a 500-item page of a
    // 100,000-key prefix reads ~500 keys, not 100,000).
    private const string ListSql = """
        SELECT l.name, l.create_revision, l.id, l.value FROM log AS l
        WHERE l.name >= $start AND l.name < $end AND l.id < $bound AND l.deleted = 0
          AND l.id = (SELECT MAX(n.id) FROM log AS n WHERE n.name = l.name AND n.id < $bound)
        ORDER BY l.name LIMIT $limit
        """;

    private const string CountSql = """
        SELECT COUNT(*) FROM log AS l
        WHERE l.name >= $start AND l.name < $end AND l.deleted = 0
          AND l.id = (SELECT MAX(n.id) FROM log AS n WHERE n.name = l.name)
        """;

    // Changes after a row id, with the previous version of each key joined in (for PrevKv and delete values).
    private const string HistorySql = """
        SELECT l.id, l.name, l.created, l.deleted, l.create_revision, l.prev_revision, l.value, p.value
        FROM log AS l LEFT JOIN log AS p
          ON p.name = l.name AND p.id >= (l.prev_revision << 24) AND p.id < ((l.prev_revision + 1) << 24)
        WHERE l.id > $after AND l.name >= $start AND l.name < $end
        ORDER BY l.id LIMIT $limit
        """;

    private readonly SqliteConnection _connection;

    public ReadSession(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        LogSchema.ConfigureConnection(_connection);
        LogSchema.Execute(_connection, "PRAGMA query_only = 1;");
        Get = Prepare(GetSql, "$name", "$bound");
        List = Prepare(ListSql, "$start", "$end", "$bound", "$limit");
        Count = Prepare(CountSql, "$start", "$end");
        History = Prepare(HistorySql, "$after", "$start", "$end", "$limit");
    }

    public SqliteCommand Get { get; }

    public SqliteCommand List { get; }

    public SqliteCommand Count { get; }

    public SqliteCommand History { get; }

    public void Dispose()
    {
        Get.Dispose();
        List.Dispose();
        Count.Dispose();
        History.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }
}
