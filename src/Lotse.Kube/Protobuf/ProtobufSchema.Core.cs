using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>core/v1 kinds other than Pod: ConfigMap, Secret, Namespace, ServiceAccount, Service, Endpoints, Event, ResourceQuota.</summary>
internal static partial class ProtobufSchema
{
    private static void DefineCore()
    {
        Define("ConfigMap", Msg(1, "metadata", "ObjectMeta", Required), Bool(4, "immutable", Pointer), StrMap(2, "data"), BytesMap(3, "binaryData"));
        Define("Secret", Msg(1, "metadata", "ObjectMeta", Required), Bool(5, "immutable", Pointer), BytesMap(2, "data"), StrMap(4, "stringData"), Str(3, "type"));

        Define("Namespace", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "NamespaceSpec", Required), Msg(3, "status", "NamespaceStatus", Required));
        Define("NamespaceSpec", Strs(1, "finalizers"));
        Define("NamespaceStatus", Str(1, "phase"), Msgs(2, "conditions", "NamespaceCondition"));
        Define(
            "NamespaceCondition",
            Str(1, "type", Required),
            Str(2, "status", Required),
            Msg(4, "lastTransitionTime", "Time", Required),
            Str(5, "reason"),
            Str(6, "message"));

        Define(
            "ServiceAccount",
            Msg(1, "metadata", "ObjectMeta", Required),
            Msgs(2, "secrets", "ObjectReference"),
            Msgs(3, "imagePullSecrets", "LocalObjectReference"),
            Bool(4, "automountServiceAccountToken", Pointer));
        Define(
            "ObjectReference",
            Str(1, "kind"),
            Str(2, "namespace"),
            Str(3, "name"),
            Str(4, "uid"),
            Str(5, "apiVersion"),
            Str(6, "resourceVersion"),
            Str(7, "fieldPath"));
        Define("LocalObjectReference", Str(1, "name"));

        Define("Service", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "ServiceSpec", Required), Msg(3, "status", "ServiceStatus", Required));
        Define(
            "ServiceSpec",
            Msgs(1, "ports", "ServicePort"),
            StrMap(2, "selector"),
            Str(3, "clusterIP"),
            Strs(18, "clusterIPs"),
            Str(4, "type"),
            Strs(5, "externalIPs"),
            Str(7, "sessionAffinity"),
            Str(8, "loadBalancerIP"),
            Strs(9, "loadBalancerSourceRanges"),
            Str(10, "externalName"),
            Str(11, "externalTrafficPolicy"),
            I32(12, "healthCheckNodePort"),
            Bool(13, "publishNotReadyAddresses"),
            Msg(14, "sessionAffinityConfig", "SessionAffinityConfig"),
            Strs(19, "ipFamilies"),
            Str(17, "ipFamilyPolicy", Pointer),
            Bool(20, "allocateLoadBalancerNodePorts", Pointer),
            Str(21, "loadBalancerClass", Pointer),
            Str(22, "internalTrafficPolicy", Pointer),
            Str(23, "trafficDistribution", Pointer));
        Define(
            "ServicePort",
            Str(1, "name"),
            Str(2, "protocol"),
            Str(6, "appProtocol", Pointer),
            I32(3, "port", Required),
            Msg(4, "targetPort", "IntOrString", Required),
            I32(5, "nodePort"));
        Define("SessionAffinityConfig", Msg(1, "clientIP", "ClientIPConfig"));
        Define("ClientIPConfig", I32(1, "timeoutSeconds", Pointer));
        Define("ServiceStatus", Msg(1, "loadBalancer", "LoadBalancerStatus", Required), Msgs(2, "conditions", "Condition"));
        Define("LoadBalancerStatus", Msgs(1, "ingress", "LoadBalancerIngress"));
        Define("LoadBalancerIngress", Str(1, "ip"), Str(2, "hostname"), Str(3, "ipMode", Pointer), Msgs(4, "ports", "PortStatus"));
        Define("PortStatus", I32(1, "port", Required), Str(2, "protocol", Required), Str(3, "error", Pointer));

        Define("Endpoints", Msg(1, "metadata", "ObjectMeta", Required), Msgs(2, "subsets", "EndpointSubset"));
        Define(
            "EndpointSubset",
            Msgs(1, "addresses", "EndpointAddress"),
            Msgs(2, "notReadyAddresses", "EndpointAddress"),
            Msgs(3, "ports", "EndpointPort"));
        Define("EndpointAddress", Str(1, "ip", Required), Str(3, "hostname"), Str(4, "nodeName", Pointer), Msg(2, "targetRef", "ObjectReference"));
        Define("EndpointPort", Str(1, "name"), I32(2, "port", Required), Str(3, "protocol"), Str(4, "appProtocol", Pointer));

        Define(
            "Event",
            Msg(1, "metadata", "ObjectMeta", Required),
            Msg(2, "involvedObject", "ObjectReference", Required),
            Str(3, "reason"),
            Str(4, "message"),
            Msg(5, "source", "EventSource", Required),
            Msg(6, "firstTimestamp", "Time", Required),
            Msg(7, "lastTimestamp", "Time", Required),
            I32(8, "count"),
            Str(9, "type"),
            Msg(10, "eventTime", "MicroTime", Required),
            Msg(11, "series", "EventSeries"),
            Str(12, "action"),
            Msg(13, "related", "ObjectReference"),
            Str(14, "reportingComponent", Required),
            Str(15, "reportingInstance", Required));
        Define("EventSource", Str(1, "component"), Str(2, "host"));
        Define("EventSeries", I32(1, "count"), Msg(2, "lastObservedTime", "MicroTime", Required));

        Define("ResourceQuota", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "ResourceQuotaSpec", Required), Msg(3, "status", "ResourceQuotaStatus", Required));
        Define("ResourceQuotaSpec", MsgMap(1, "hard", "Quantity"), Strs(2, "scopes"), Msg(3, "scopeSelector", "ScopeSelector"));
        Define("ResourceQuotaStatus", MsgMap(1, "hard", "Quantity"), MsgMap(2, "used", "Quantity"));
        Define("ScopeSelector", Msgs(1, "matchExpressions", "ScopedResourceSelectorRequirement"));
        Define("ScopedResourceSelectorRequirement", Str(1, "scopeName", Required), Str(2, "operator", Required), Strs(3, "values"));

        foreach (var kind in new[] { "ConfigMap", "Secret", "Namespace", "ServiceAccount", "Service", "Endpoints", "Event", "ResourceQuota", "Pod" })
        {
            Kind("v1", kind);
        }
    }
}
