using System.Text.Json.Nodes;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// The strategies of <c>certificatesigningrequests/status</c> and <c>/approval</c> (upstream csrStatusStrategy and
/// csrApprovalStrategy): the spec is kept; <c>/status</c> may set the certificate and non-approval conditions,
/// <c>/approval</c> only the conditions (what <c>kubectl certificate approve|deny</c> writes). Neither removes an
/// Approved, Denied or Failed condition; condition timestamps are filled in.
/// </summary>
public sealed class CertificateSigningRequestStatusStrategy(CertificateSigningRequestStrategy main, bool approval) : KubeStrategy
{
    public override IReadOnlyList<TableColumn> Columns => main.Columns;

    public override IReadOnlyList<string> TopLevelFields => main.TopLevelFields;

    public override string? DecodeError(JsonObject obj) => main.DecodeError(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        if (approval)
        {
            var conditions = (obj["status"] as JsonObject)?["conditions"]?.DeepClone();
            var status = old["status"]?.DeepClone() as JsonObject ?? [];
            status["conditions"] = conditions;
            obj["status"] = status;
        }

        CertificateSigningRequestStrategy.PopulateConditionTimestamps(obj, old);
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        CertificateSigningRequestStrategy.ValidateRequest(obj, old, errors);
        foreach (var type in new[] { "Approved", "Denied", "Failed" })
        {
            if (CertificateSigningRequestStrategy.ConditionsOfType(obj, type).Count < CertificateSigningRequestStrategy.ConditionsOfType(old, type).Count)
            {
                errors.Add(FieldError.Forbidden("status.conditions", $"updates may not remove a condition of type \"{type}\""));
            }
        }

        if (!approval)
        {
            foreach (var type in CertificateSigningRequestStrategy.ApprovalConditionTypes)
            {
                var now = CertificateSigningRequestStrategy.ConditionsOfType(obj, type);
                var before = CertificateSigningRequestStrategy.ConditionsOfType(old, type);
                if (now.Count > before.Count)
                {
                    errors.Add(FieldError.Forbidden("status.conditions", $"updates may not add a condition of type \"{type}\""));
                }
                else if (now.Count == before.Count && !now.Zip(before).All(p => JsonNode.DeepEquals(p.First, p.Second)))
                {
                    errors.Add(FieldError.Forbidden("status.conditions", $"updates may not modify a condition of type \"{type}\""));
                }
            }
        }

        var certificate = (obj["status"] as JsonObject)?["certificate"];
        var oldCertificate = (old["status"] as JsonObject)?["certificate"];
        if (!JsonNode.DeepEquals(certificate, oldCertificate))
        {
            if (approval)
            {
                errors.Add(FieldError.Forbidden("status.certificate", "updates may not set certificate content"));
            }
            else if (!string.IsNullOrEmpty(oldCertificate?.ToString()))
            {
                errors.Add(FieldError.Forbidden("status.certificate", "updates may not modify existing certificate content"));
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
}
