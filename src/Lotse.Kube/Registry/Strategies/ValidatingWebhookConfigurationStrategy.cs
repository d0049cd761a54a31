namespace Lotse.Kube.Registry.Strategies;

/// <summary>admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration: stored and validated; the webhooks are never called.</summary>
public sealed class ValidatingWebhookConfigurationStrategy : WebhookConfigurationStrategy;
