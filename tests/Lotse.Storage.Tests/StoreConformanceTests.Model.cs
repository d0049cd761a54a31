using FsCheck.Xunit;

namespace Lotse.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>
    /// A random script of creates, updates (with right or stale expected revisions) and deletes over five keys,
    /// run against the store and against a dictionary. Outcomes, values and revisions must agree at every step,
    /// every past state must still read back as it was, and after a compaction every state from the compacted
    /// revision on.
    /// </summary>
    [Property(MaxTest = 60)]
    public bool Commit_RandomOperations_MatchInMemoryModel(byte[] script)
    {
        RunModelScript(script ?? []).GetAwaiter().GetResult();
        return true;
    }

    private async Task RunModelScript(byte[] script)
    {
        var prefix = $"{Prefix}model/{Guid.NewGuid():N}/";
        var model = new Dictionary<string, (string Value, long Create, long Mod)>(StringComparer.Ordinal);
        var snapshots = new List<(long Revision, Dictionary<string, (string Value, long Create, long Mod)> State)>();
        var lastRevision = Store.CurrentRevision;
        for (var step = 0; step + 1 < script.Length; step += 2)
        {
            var key = $"{prefix}k{script[step] % 5}";
            var value = $"v{step}";
            var stale = (script[step + 1] & 4) != 0;
            var exists = model.TryGetValue(key, out var current);
            (CommitResult Result, CommitStatus Expected) outcome = (script[step + 1] % 4) switch
            {
                0 or 1 => (await Store.CreateAsync(key, Bytes(value)), exists ? CommitStatus.AlreadyExists : CommitStatus.Ok),
                2 => (await Store.UpdateAsync(key, Bytes(value), stale ? current.Mod + 1_000_000 : current.Mod),
                    !exists ? CommitStatus.NotFound : stale ? CommitStatus.Conflict : CommitStatus.Ok),
                _ => (await Store.DeleteAsync(key, stale ? current.Mod + 1_000_000 : current.Mod),
                    !exists ? CommitStatus.NotFound : stale ? CommitStatus.Conflict : CommitStatus.Ok),
            };

            outcome.Result.Status.ShouldBe(outcome.Expected, $"step {step / 2} on {key}");
            if (!outcome.Result.Succeeded)
            {
                continue;
            }

            var revision = outcome.Result.Revision;
            revision.ShouldBeGreaterThan(lastRevision);
            lastRevision = revision;
            if ((script[step + 1] % 4) == 3)
            {
                model.Remove(key);
            }
            else
            {
                model[key] = (value, exists ? current.Create : revision, revision);
            }

            snapshots.Add((revision, new Dictionary<string, (string, long, long)>(model, StringComparer.Ordinal)));
        }

        await ShouldMatchAsync(prefix, 0, model);
        foreach (var (revision, state) in snapshots)
        {
            await ShouldMatchAsync(prefix, revision, state);
        }

        if (snapshots.Count == 0)
        {
            return;
        }

        // Compact somewhere in the middle: every state from there on must read back unchanged, older ones fail.
        var cut = script[0] % snapshots.Count;
        await Store.CompactAsync(snapshots[cut].Revision);
        for (var i = 0; i < snapshots.Count; i++)
        {
            if (i >= cut)
            {
                await ShouldMatchAsync(prefix, snapshots[i].Revision, snapshots[i].State);
            }
            else if (snapshots[i].Revision < Store.CompactedRevision)
            {
                await Should.ThrowAsync<RevisionCompactedException>(async () => await Store.ListAsync(prefix, new ListOptions(Revision: snapshots[i].Revision)));
            }
        }

        await ShouldMatchAsync(prefix, 0, model);
    }

    private async Task ShouldMatchAsync(string prefix, long revision, Dictionary<string, (string Value, long Create, long Mod)> expected)
    {
        var list = await Store.ListAsync(prefix, new ListOptions(Revision: revision));
        list.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision))
            .ShouldBe(expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Value, p.Value.Create, p.Value.Mod)),
                $"list at revision {revision}");
        if (revision == 0)
        {
            (await Store.CountAsync(prefix)).ShouldBe(expected.Count);
        }
    }
}
