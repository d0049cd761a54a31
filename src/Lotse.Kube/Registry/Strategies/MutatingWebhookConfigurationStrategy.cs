using System.Text.Json.Nodes;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>admissionregistration.k8s.io/v1 MutatingWebhookConfiguration: stored and validated; the webhooks are never called.</summary>
public sealed class MutatingWebhookConfigurationStrategy : WebhookConfigurationStrategy
{
    private static readonly string[] ReinvocationPolicies = ["IfNeeded", "Never"];

    protected override void DefaultWebhook(JsonObject webhook) => webhook["reinvocationPolicy"] ??= "Never";

    protected override void ValidateWebhook(JsonObject webhook, string path, List<FieldError> errors) =>
        NotSupported(webhook, "reinvocationPolicy", ReinvocationPolicies, path, errors);
}
