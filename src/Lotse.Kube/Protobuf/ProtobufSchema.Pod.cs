using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>core/v1 Pod, PodSpec and its scheduling types, PodStatus, PodTemplateSpec.</summary>
internal static partial class ProtobufSchema
{
    private static void DefinePod()
    {
        Define("Pod", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "PodSpec", Required), Msg(3, "status", "PodStatus", Required));
        Define("PodTemplateSpec", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "PodSpec", Required));
        Define(
            "PodSpec",
            Msgs(1, "volumes", "Volume"),
            Msgs(20, "initContainers", "Container"),
            Msgs(2, "containers", "Container", Required),
            Msgs(34, "ephemeralContainers", "EphemeralContainer"),
            Str(3, "restartPolicy"),
            I64(4, "terminationGracePeriodSeconds", Pointer),
            I64(5, "activeDeadlineSeconds", Pointer),
            Str(6, "dnsPolicy"),
            StrMap(7, "nodeSelector"),
            Str(8, "serviceAccountName"),
            Str(9, "serviceAccount"),
            Bool(21, "automountServiceAccountToken", Pointer),
            Str(10, "nodeName"),
            Bool(11, "hostNetwork"),
            Bool(12, "hostPID"),
            Bool(13, "hostIPC"),
            Bool(27, "shareProcessNamespace", Pointer),
            Msg(14, "securityContext", "PodSecurityContext"),
            Msgs(15, "imagePullSecrets", "LocalObjectReference"),
            Str(16, "hostname"),
            Str(17, "subdomain"),
            Msg(18, "affinity", "Affinity"),
            Str(19, "schedulerName"),
            Msgs(22, "tolerations", "Toleration"),
            Msgs(23, "hostAliases", "HostAlias"),
            Str(24, "priorityClassName"),
            I32(25, "priority", Pointer),
            Msg(26, "dnsConfig", "PodDNSConfig"),
            Msgs(28, "readinessGates", "PodReadinessGate"),
            Str(29, "runtimeClassName", Pointer),
            Bool(30, "enableServiceLinks", Pointer),
            Str(31, "preemptionPolicy", Pointer),
            MsgMap(32, "overhead", "Quantity"),
            Msgs(33, "topologySpreadConstraints", "TopologySpreadConstraint"),
            Bool(35, "setHostnameAsFQDN", Pointer),
            Msg(36, "os", "PodOS"),
            Bool(37, "hostUsers", Pointer),
            Msgs(38, "schedulingGates", "PodSchedulingGate"),
            Msgs(39, "resourceClaims", "PodResourceClaim"),
            Msg(40, "resources", "ResourceRequirements"));
        Define("PodOS", Str(1, "name", Required));
        Define("PodSchedulingGate", Str(1, "name", Required));
        Define("PodResourceClaim", Str(1, "name", Required), Str(3, "resourceClaimName", Pointer), Str(4, "resourceClaimTemplateName", Pointer));
        Define("PodReadinessGate", Str(1, "conditionType", Required));
        Define("HostAlias", Str(1, "ip", Required), Strs(2, "hostnames"));
        Define("PodDNSConfig", Strs(1, "nameservers"), Strs(2, "searches"), Msgs(3, "options", "PodDNSConfigOption"));
        Define("PodDNSConfigOption", Str(1, "name"), Str(2, "value", Pointer));
        Define("Toleration", Str(1, "key"), Str(2, "operator"), Str(3, "value"), Str(4, "effect"), I64(5, "tolerationSeconds", Pointer));
        Define(
            "PodSecurityContext",
            Msg(1, "seLinuxOptions", "SELinuxOptions"),
            Msg(8, "windowsOptions", "WindowsSecurityContextOptions"),
            I64(2, "runAsUser", Pointer),
            I64(6, "runAsGroup", Pointer),
            Bool(3, "runAsNonRoot", Pointer),
            I64s(4, "supplementalGroups"),
            Str(12, "supplementalGroupsPolicy", Pointer),
            I64(5, "fsGroup", Pointer),
            Msgs(7, "sysctls", "Sysctl"),
            Str(9, "fsGroupChangePolicy", Pointer),
            Msg(10, "seccompProfile", "SeccompProfile"),
            Msg(11, "appArmorProfile", "AppArmorProfile"),
            Str(13, "seLinuxChangePolicy", Pointer));
        Define("Sysctl", Str(1, "name", Required), Str(2, "value", Required));

        Define("Affinity", Msg(1, "nodeAffinity", "NodeAffinity"), Msg(2, "podAffinity", "PodAffinity"), Msg(3, "podAntiAffinity", "PodAffinity"));
        Define(
            "NodeAffinity",
            Msg(1, "requiredDuringSchedulingIgnoredDuringExecution", "NodeSelector"),
            Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "PreferredSchedulingTerm"));
        Define("NodeSelector", Msgs(1, "nodeSelectorTerms", "NodeSelectorTerm", Required));
        Define("NodeSelectorTerm", Msgs(1, "matchExpressions", "NodeSelectorRequirement"), Msgs(2, "matchFields", "NodeSelectorRequirement"));
        Define("NodeSelectorRequirement", Str(1, "key", Required), Str(2, "operator", Required), Strs(3, "values"));
        Define("PreferredSchedulingTerm", I32(1, "weight", Required), Msg(2, "preference", "NodeSelectorTerm", Required));

        // PodAffinity and PodAntiAffinity have the same fields and numbers.
        Define(
            "PodAffinity",
            Msgs(1, "requiredDuringSchedulingIgnoredDuringExecution", "PodAffinityTerm"),
            Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "WeightedPodAffinityTerm"));
        Define(
            "PodAffinityTerm",
            Msg(1, "labelSelector", "LabelSelector"),
            Strs(2, "namespaces"),
            Str(3, "topologyKey", Required),
            Msg(4, "namespaceSelector", "LabelSelector"),
            Strs(5, "matchLabelKeys"),
            Strs(6, "mismatchLabelKeys"));
        Define("WeightedPodAffinityTerm", I32(1, "weight", Required), Msg(2, "podAffinityTerm", "PodAffinityTerm", Required));
        Define(
            "TopologySpreadConstraint",
            I32(1, "maxSkew", Required),
            Str(2, "topologyKey", Required),
            Str(3, "whenUnsatisfiable", Required),
            Msg(4, "labelSelector", "LabelSelector"),
            I32(5, "minDomains", Pointer),
            Str(6, "nodeAffinityPolicy", Pointer),
            Str(7, "nodeTaintsPolicy", Pointer),
            Strs(8, "matchLabelKeys"));

        Define(
            "PodStatus",
            Str(1, "phase"),
            Msgs(2, "conditions", "PodCondition"),
            Str(3, "message"),
            Str(4, "reason"),
            Str(11, "nominatedNodeName"),
            Str(5, "hostIP"),
            Msgs(16, "hostIPs", "HostIP"),
            Str(6, "podIP"),
            Msgs(12, "podIPs", "PodIP"),
            Msg(7, "startTime", "Time"),
            Msgs(10, "initContainerStatuses", "ContainerStatus"),
            Msgs(8, "containerStatuses", "ContainerStatus"),
            Str(9, "qosClass"),
            Msgs(13, "ephemeralContainerStatuses", "ContainerStatus"),
            Str(14, "resize"));
        Define(
            "PodCondition",
            Str(1, "type", Required),
            Str(2, "status", Required),
            Msg(3, "lastProbeTime", "Time", Required),
            Msg(4, "lastTransitionTime", "Time", Required),
            Str(5, "reason"),
            Str(6, "message"));
        Define("HostIP", Str(1, "ip", Required));
        Define("PodIP", Str(1, "ip", Required));
    }
}
