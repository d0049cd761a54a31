using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Lotse.Storage.Sqlite;

/// <summary>
/// One commit inside a batch: validate every operation against the newest row of its key (reads only, so a
/// failing commit writes nothing), then append one row per operation, all with the commit's revision.
/// </summary>
public sealed partial class SqliteStore
{
    private static readonly byte[] EmptyValue = [];

    private readonly List<(long Id, string Name, long CreateRevision, byte[] Value)> _livePrefix = [];
    private OperationPlan[] _plans = new OperationPlan[16];

    private CommitResult ApplyCommit(IReadOnlyList<StoreOperation> operations, long revision)
    {
        var count = operations.Count;
        if (_plans.Length < count)
        {
            _plans = new OperationPlan[Math.Max(count, _plans.Length * 2)];
        }

        // Validate everything first (reads only): a failing commit writes nothing, so it needs no rollback.
        for (var i = 0; i < count; i++)
        {
            var failure = Plan(operations[i], i, revision, out _plans[i]);
            if (failure is { } failed)
            {
                Array.Clear(_plans, 0, i); // drop references to old values
                return failed;
            }
        }

        var firstRowId = LogSchema.FirstRowId(revision);
        BeginRows(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var operation = operations[i];
                ref var plan = ref _plans[i];
                var isDelete = operation.Kind == StoreOperationKind.Delete;
                InsertRow(firstRowId + i, operation.Key, operation.Kind == StoreOperationKind.Create, isDelete, plan.CreateRevision, plan.PrevRevision,
                    isDelete ? EmptyValue : AsArray(operation.Value));
                _changes.Add(new Change(operation.Kind, operation.Key, isDelete ? plan.PrevValue : operation.Value, plan.CreateRevision, revision, plan.PrevValue, plan.PrevRevision));
                plan = default; // drop the reference to the old value
            }

            EndRows(count);
        }
        catch (SqliteException)
        {
            UndoRows(count);
            throw;
        }

        return CommitResult.Success(revision);
    }

    /// <summary>Checks one operation against the newest row of its key; returns the failure or null.</summary>
    private CommitResult? Plan(in StoreOperation operation, int index, long revision, out OperationPlan plan)
    {
        plan = default;
        var latest = _writer.Latest;
        latest.Parameters[0].Value = operation.Key;
        long rowRevision = 0, createRevision = 0;
        byte[]? value = null;
        using (var reader = latest.ExecuteReader())
        {
            if (reader.Read())
            {
                rowRevision = LogSchema.RevisionOf(reader.GetInt64(0));
                if (reader.GetInt64(2) == 0)
                {
                    createRevision = reader.GetInt64(1);
                    value = reader.GetFieldValue<byte[]>(3);
                }
            }
        }

        var live = value is not null;
        switch (operation.Kind)
        {
            case StoreOperationKind.Create:
                if (live)
                {
                    return CommitResult.Failure(CommitStatus.AlreadyExists, index, new KeyValue(operation.Key, value!, createRevision, rowRevision));
                }

                // prev_revision points at the tombstone (or 0), keeping (name, prev_revision) unique.
                plan = new OperationPlan(rowRevision, revision, null);
                return null;
            default:
                if (!live)
                {
                    return CommitResult.Failure(CommitStatus.NotFound, index, null);
                }

                if (operation.ExpectedModRevision != 0 && operation.ExpectedModRevision != rowRevision)
                {
                    return CommitResult.Failure(CommitStatus.Conflict, index, new KeyValue(operation.Key, value!, createRevision, rowRevision));
                }

                plan = new OperationPlan(rowRevision, createRevision, value);
                return null;
        }
    }

    private CommitResult ApplyDeletePrefix(string prefix, long revision, long currentRevision)
    {
        _livePrefix.Clear();
        var query = _writer.LivePrefix;
        query.Parameters[0].Value = prefix;
        query.Parameters[1].Value = KeyRange.End(prefix);
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                _livePrefix.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
            }
        }

        if (_livePrefix.Count == 0)
        {
            return CommitResult.Success(currentRevision); // nothing there: no new revision
        }

        if (_livePrefix.Count > LogSchema.MaxOperationsPerCommit)
        {
            throw new InvalidOperationException($"cannot delete more than {LogSchema.MaxOperationsPerCommit} keys in one revision");
        }

        var firstRowId = LogSchema.FirstRowId(revision);
        var rows = _livePrefix.Count;
        BeginRows(rows);
        try
        {
            for (var i = 0; i < rows; i++)
            {
                var (id, name, createRevision, value) = _livePrefix[i];
                var prevRevision = LogSchema.RevisionOf(id);
                InsertRow(firstRowId + i, name, false, true, createRevision, prevRevision, EmptyValue);
                _changes.Add(new Change(StoreOperationKind.Delete, name, value, createRevision, revision, value, prevRevision));
            }

            EndRows(rows);
        }
        catch (SqliteException)
        {
            UndoRows(rows);
            throw;
        }

        _livePrefix.Clear();
        return CommitResult.Success(revision);
    }

    private void InsertRow(long id, string name, bool created, bool deleted, long createRevision, long prevRevision, byte[] value)
    {
        var parameters = _writer.Insert.Parameters;
        parameters[0].Value = id;
        parameters[1].Value = name;
        parameters[2].Value = created ? 1L : 0L;
        parameters[3].Value = deleted ? 1L : 0L;
        parameters[4].Value = createRevision;
        parameters[5].Value = prevRevision;
        parameters[6].Value = value;
        _writer.Insert.ExecuteNonQuery();
    }

    /// <summary>SQLite binds whole arrays only; values that already are a whole array (the usual case) are not copied.</summary>
    private static byte[] AsArray(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();

    private readonly record struct OperationPlan(long PrevRevision, long CreateRevision, byte[]? PrevValue);

    /// <summary>A committed change, kept until the batch is durable and then turned into watch events.</summary>
    private readonly record struct Change(StoreOperationKind Kind, string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision, byte[]? PrevValue, long PrevRevision);
}
