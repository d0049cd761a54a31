namespace Lotse.Aws.SigV4;

/// <summary>Why a signature check failed; the front door maps each to the protocol's error code.</summary>
public enum SigV4Failure
{
    None,

    /// <summary>The header is malformed or a required part is missing (IncompleteSignature).</summary>
    Incomplete,

    /// <summary>The signature does not match (SignatureDoesNotMatch / InvalidSignatureException).</summary>
    Mismatch,

    /// <summary>X-Amz-Date is outside the allowed skew (reported with the signature-mismatch code, as AWS does).</summary>
    Expired,
}
