using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequest (what <c>kubectl certificate approve|deny</c> sends to <c>/approval</c>).</summary>
internal static partial class ProtobufSchema
{
    private static void DefineCertificates()
    {
        Define("CertificateSigningRequest", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "CertificateSigningRequestSpec", Required), Msg(3, "status", "CertificateSigningRequestStatus", Required));
        Define(
            "CertificateSigningRequestSpec",
            Bytes(1, "request", Required),
            Str(7, "signerName", Required),
            I32(8, "expirationSeconds", Pointer),
            Strs(5, "usages"),
            Str(2, "username"),
            Str(3, "uid"),
            Strs(4, "groups"),
            MsgMap(6, "extra", "CertificateSigningRequestExtraValue"));
        Define("CertificateSigningRequestExtraValue", Strs(1, "items"));
        Define("CertificateSigningRequestStatus", Msgs(1, "conditions", "CertificateSigningRequestCondition"), Bytes(2, "certificate"));
        Define(
            "CertificateSigningRequestCondition",
            Str(1, "type", Required),
            Str(6, "status", Required),
            Str(2, "reason"),
            Str(3, "message"),
            Msg(4, "lastUpdateTime", "Time", Required),
            Msg(5, "lastTransitionTime", "Time", Required));
        Kind("certificates.k8s.io/v1", "CertificateSigningRequest");
    }
}
