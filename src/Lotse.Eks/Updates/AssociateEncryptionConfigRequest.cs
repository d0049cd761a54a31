using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>The body of AssociateEncryptionConfig.</summary>
public sealed class AssociateEncryptionConfigRequest
{
    public List<EncryptionConfig>? EncryptionConfig { get; init; }

    public string? ClientRequestToken { get; init; }
}
