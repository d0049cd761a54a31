using System.Text.Json;
using System.Text.RegularExpressions;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>
/// AssociateEncryptionConfig's rule: envelope encryption of <c>secrets</c> with one KMS key, switched on once and never changed
/// or switched off (EKS refuses a second association). Lotse stores the key ARN; it does not call KMS.
/// </summary>
public static partial class ClusterEncryptionChange
{
    public static ClusterChange Plan(List<EncryptionConfig>? configs, EksCluster cluster)
    {
        if (configs is not { Count: > 0 })
        {
            throw EksErrors.InvalidParameter("encryptionConfig must not be empty.", cluster.Name);
        }

        if (configs.Count > 1)
        {
            throw EksErrors.InvalidParameter("Only one encryptionConfig is allowed.", cluster.Name);
        }

        var config = configs[0];
        if (config.Resources is not { Count: > 0 } resources || resources.Any(r => r != "secrets"))
        {
            throw EksErrors.InvalidParameter("Only secrets are supported as encryption resources.", cluster.Name);
        }

        var keyArn = config.Provider?.KeyArn;
        if (keyArn is null || !KmsKeyArn().IsMatch(keyArn))
        {
            throw EksErrors.InvalidParameter($"Invalid KMS key ARN: '{keyArn}'", cluster.Name);
        }

        if (cluster.EncryptionConfig is { Count: > 0 })
        {
            throw EksErrors.InvalidParameter("Encryption is already enabled on the cluster", cluster.Name);
        }

        List<EncryptionConfig> stored = [new EncryptionConfig { Resources = ["secrets"], Provider = new EncryptionProvider { KeyArn = keyArn } }];
        var value = JsonSerializer.Serialize(stored, EksJson.Options);
        return new ClusterChange(UpdateType.AssociateEncryptionConfig, [new("EncryptionConfig", value)], c => c.EncryptionConfig = stored);
    }

    /// <summary>A KMS key (or alias) ARN: <c>arn:&lt;partition&gt;:kms:&lt;region&gt;:&lt;account&gt;:key/&lt;id&gt;</c>.</summary>
    [GeneratedRegex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$")]
    private static partial Regex KmsKeyArn();
}
