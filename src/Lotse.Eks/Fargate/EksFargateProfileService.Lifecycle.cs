using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Fargate;

/// <summary>Settling a new profile ACTIVE, and finishing what a stopped process left half-done.</summary>
public sealed partial class EksFargateProfileService
{
    /// <summary>Start-up: finishes profile transitions a stopped process left half-done.</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        foreach (var kv in (await Store.ListAsync(EksClusterRecord.AllEksPrefix, default, ct)).Items)
        {
            if (kv.Key[EksClusterRecord.AllEksPrefix.Length..].Split('/') is not [var account, var region, "fargateprofile", _, _])
            {
                continue;
            }

            var profile = EksFargateProfileStore.Decode(kv.Value);
            if (profile.Status == FargateProfileStatus.Creating)
            {
                await SettleAsync(account, region, profile, kv.ModRevision, ct);
            }
            else if (profile.Status == FargateProfileStatus.Deleting)
            {
                await Store.CommitAsync([StoreOperation.Delete(kv.Key, kv.ModRevision)], ct);
            }
        }
    }

    /// <summary>CREATING → ACTIVE; retried when tags changed in between, abandoned when the profile is being deleted.</summary>
    private async Task SettleAsync(string accountId, string region, EksFargateProfile profile, long revision, CancellationToken ct)
    {
        while (true)
        {
            profile.Status = FargateProfileStatus.Active;
            var done = await Store.CommitAsync([EksFargateProfileStore.Update(accountId, region, profile, revision)], ct);
            if (done.Status != CommitStatus.Conflict
                || await _profiles.GetAsync(accountId, region, profile.ClusterName, profile.FargateProfileName, ct) is not { } current
                || current.Record.Status == FargateProfileStatus.Deleting)
            {
                return;
            }

            (profile, revision) = current;
        }
    }
}
