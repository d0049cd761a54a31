using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>networking.k8s.io/v1 Ingress, policy/v1 PodDisruptionBudget, scheduling.k8s.io/v1 PriorityClass, authentication.k8s.io/v1 TokenRequest.</summary>
internal static partial class ProtobufSchema
{
    private static void DefineNetworkingAndPolicy()
    {
        Define("Ingress", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "IngressSpec", Required), Msg(3, "status", "IngressStatus", Required));
        Define(
            "IngressSpec",
            Str(4, "ingressClassName", Pointer),
            Msg(1, "defaultBackend", "IngressBackend"),
            Msgs(2, "tls", "IngressTLS"),
            Msgs(3, "rules", "IngressRule"));
        Define("IngressBackend", Msg(4, "service", "IngressServiceBackend"), Msg(3, "resource", "TypedLocalObjectReference"));
        Define("IngressServiceBackend", Str(1, "name", Required), Msg(2, "port", "ServiceBackendPort", Required));
        Define("ServiceBackendPort", Str(1, "name"), I32(2, "number"));
        Define("TypedLocalObjectReference", Str(1, "apiGroup", Pointer), Str(2, "kind", Required), Str(3, "name", Required));
        Define("IngressTLS", Strs(1, "hosts"), Str(2, "secretName"));
        Define("IngressRule", Str(1, "host"), Msg(2, "ingressRuleValue", "IngressRuleValue", Inline));
        Define("IngressRuleValue", Msg(1, "http", "HTTPIngressRuleValue"));
        Define("HTTPIngressRuleValue", Msgs(1, "paths", "HTTPIngressPath", Required));
        Define("HTTPIngressPath", Str(1, "path"), Str(3, "pathType", NullWhenAbsent), Msg(2, "backend", "IngressBackend", Required));
        Define("IngressStatus", Msg(1, "loadBalancer", "IngressLoadBalancerStatus", Required));
        Define("IngressLoadBalancerStatus", Msgs(1, "ingress", "IngressLoadBalancerIngress"));
        Define("IngressLoadBalancerIngress", Str(1, "ip"), Str(2, "hostname"), Msgs(4, "ports", "PortStatus"));
        Kind("networking.k8s.io/v1", "Ingress");

        Define(
            "PodDisruptionBudget",
            Msg(1, "metadata", "ObjectMeta", Required),
            Msg(2, "spec", "PodDisruptionBudgetSpec", Required),
            Msg(3, "status", "PodDisruptionBudgetStatus", Required));
        Define(
            "PodDisruptionBudgetSpec",
            Msg(1, "minAvailable", "IntOrString"),
            Msg(2, "selector", "LabelSelector"),
            Msg(3, "maxUnavailable", "IntOrString"),
            Str(4, "unhealthyPodEvictionPolicy", Pointer));
        Define(
            "PodDisruptionBudgetStatus",
            I64(1, "observedGeneration"),
            MsgMap(2, "disruptedPods", "Time"),
            I32(3, "disruptionsAllowed", Required),
            I32(4, "currentHealthy", Required),
            I32(5, "desiredHealthy", Required),
            I32(6, "expectedPods", Required),
            Msgs(7, "conditions", "Condition"));
        Kind("policy/v1", "PodDisruptionBudget");

        Define(
            "PriorityClass",
            Msg(1, "metadata", "ObjectMeta", Required),
            I32(2, "value", Required),
            Bool(3, "globalDefault"),
            Str(4, "description"),
            Str(5, "preemptionPolicy", Pointer));
        Kind("scheduling.k8s.io/v1", "PriorityClass");

        Define("TokenRequest", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "TokenRequestSpec", Required), Msg(3, "status", "TokenRequestStatus", Required));
        Define(
            "TokenRequestSpec",
            Strs(1, "audiences", Required),
            I64(4, "expirationSeconds", Pointer),
            Msg(3, "boundObjectRef", "BoundObjectReference"));
        Define("BoundObjectReference", Str(1, "kind"), Str(2, "apiVersion"), Str(3, "name"), Str(4, "uid"));
        Define("TokenRequestStatus", Str(1, "token", Required), Msg(2, "expirationTimestamp", "Time", Required));
        Kind("authentication.k8s.io/v1", "TokenRequest");
    }
}
