using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>core/v1 Container and what hangs off it: ports, env, resources, probes, lifecycle, security context, status.</summary>
internal static partial class ProtobufSchema
{
    private static void DefineContainer()
    {
        Define("Container", ContainerFields());

        // EphemeralContainer embeds the same fields (as EphemeralContainerCommon=1, inline in JSON).
        Define("EphemeralContainerCommon", ContainerFields());
        Define("EphemeralContainer", Msg(1, "ephemeralContainerCommon", "EphemeralContainerCommon", Inline), Str(2, "targetContainerName"));

        Define("ContainerPort", Str(1, "name"), I32(2, "hostPort"), I32(3, "containerPort", Required), Str(4, "protocol"), Str(5, "hostIP"));
        Define("EnvVar", Str(1, "name", Required), Str(2, "value"), Msg(3, "valueFrom", "EnvVarSource"));
        Define(
            "EnvVarSource",
            Msg(1, "fieldRef", "ObjectFieldSelector"),
            Msg(2, "resourceFieldRef", "ResourceFieldSelector"),
            Msg(3, "configMapKeyRef", "KeySelector"),
            Msg(4, "secretKeyRef", "KeySelector"));
        Define("ObjectFieldSelector", Str(1, "apiVersion"), Str(2, "fieldPath", Required));
        Define("ResourceFieldSelector", Str(1, "containerName"), Str(2, "resource", Required), Msg(3, "divisor", "Quantity", Required));

        // ConfigMapKeySelector and SecretKeySelector: LocalObjectReference=1 (inline), key=2, optional=3.
        Define("KeySelector", Msg(1, "localObjectReference", "LocalObjectReference", Inline), Str(2, "key", Required), Bool(3, "optional", Pointer));
        Define("EnvFromSource", Str(1, "prefix"), Msg(2, "configMapRef", "EnvSource"), Msg(3, "secretRef", "EnvSource"));

        // ConfigMapEnvSource and SecretEnvSource: LocalObjectReference=1 (inline), optional=2.
        Define("EnvSource", Msg(1, "localObjectReference", "LocalObjectReference", Inline), Bool(2, "optional", Pointer));
        Define("ResourceRequirements", MsgMap(1, "limits", "Quantity"), MsgMap(2, "requests", "Quantity"), Msgs(3, "claims", "ResourceClaim"));
        Define("ResourceClaim", Str(1, "name", Required), Str(2, "request"));
        Define("ContainerResizePolicy", Str(1, "resourceName", Required), Str(2, "restartPolicy", Required));
        Define(
            "VolumeMount",
            Str(1, "name", Required),
            Bool(2, "readOnly"),
            Str(7, "recursiveReadOnly", Pointer),
            Str(3, "mountPath", Required),
            Str(4, "subPath"),
            Str(5, "mountPropagation", Pointer),
            Str(6, "subPathExpr"));
        Define("VolumeDevice", Str(1, "name", Required), Str(2, "devicePath", Required));

        Define(
            "Probe",
            Msg(1, "handler", "ProbeHandler", Inline),
            I32(2, "initialDelaySeconds"),
            I32(3, "timeoutSeconds"),
            I32(4, "periodSeconds"),
            I32(5, "successThreshold"),
            I32(6, "failureThreshold"),
            I64(7, "terminationGracePeriodSeconds", Pointer));
        Define("ProbeHandler", Msg(1, "exec", "ExecAction"), Msg(2, "httpGet", "HTTPGetAction"), Msg(3, "tcpSocket", "TCPSocketAction"), Msg(4, "grpc", "GRPCAction"));
        Define("Lifecycle", Msg(1, "postStart", "LifecycleHandler"), Msg(2, "preStop", "LifecycleHandler"));
        Define(
            "LifecycleHandler",
            Msg(1, "exec", "ExecAction"),
            Msg(2, "httpGet", "HTTPGetAction"),
            Msg(3, "tcpSocket", "TCPSocketAction"),
            Msg(4, "sleep", "SleepAction"));
        Define("ExecAction", Strs(1, "command"));
        Define(
            "HTTPGetAction",
            Str(1, "path"),
            Msg(2, "port", "IntOrString", Required),
            Str(3, "host"),
            Str(4, "scheme"),
            Msgs(5, "httpHeaders", "HTTPHeader"));
        Define("HTTPHeader", Str(1, "name", Required), Str(2, "value", Required));
        Define("TCPSocketAction", Msg(1, "port", "IntOrString", Required), Str(2, "host"));
        Define("GRPCAction", I32(1, "port", Required), Str(2, "service", NullWhenAbsent));
        Define("SleepAction", I64(1, "seconds", Required));

        Define(
            "SecurityContext",
            Msg(1, "capabilities", "Capabilities"),
            Bool(2, "privileged", Pointer),
            Msg(3, "seLinuxOptions", "SELinuxOptions"),
            Msg(10, "windowsOptions", "WindowsSecurityContextOptions"),
            I64(4, "runAsUser", Pointer),
            I64(8, "runAsGroup", Pointer),
            Bool(5, "runAsNonRoot", Pointer),
            Bool(6, "readOnlyRootFilesystem", Pointer),
            Bool(7, "allowPrivilegeEscalation", Pointer),
            Str(9, "procMount", Pointer),
            Msg(11, "seccompProfile", "SeccompProfile"),
            Msg(12, "appArmorProfile", "AppArmorProfile"));
        Define("Capabilities", Strs(1, "add"), Strs(2, "drop"));
        Define("SELinuxOptions", Str(1, "user"), Str(2, "role"), Str(3, "type"), Str(4, "level"));
        Define(
            "WindowsSecurityContextOptions",
            Str(1, "gmsaCredentialSpecName", Pointer),
            Str(2, "gmsaCredentialSpec", Pointer),
            Str(3, "runAsUserName", Pointer),
            Bool(4, "hostProcess", Pointer));
        Define("SeccompProfile", Str(1, "type", Required), Str(2, "localhostProfile", Pointer));
        Define("AppArmorProfile", Str(1, "type", Required), Str(2, "localhostProfile", Pointer));

        Define(
            "ContainerStatus",
            Str(1, "name", Required),
            Msg(2, "state", "ContainerState", Required),
            Msg(3, "lastState", "ContainerState", Required),
            Bool(4, "ready", Required),
            I32(5, "restartCount", Required),
            Str(6, "image", Required),
            Str(7, "imageID", Required),
            Str(8, "containerID"),
            Bool(9, "started", Pointer));
        Define(
            "ContainerState",
            Msg(1, "waiting", "ContainerStateWaiting"),
            Msg(2, "running", "ContainerStateRunning"),
            Msg(3, "terminated", "ContainerStateTerminated"));
        Define("ContainerStateWaiting", Str(1, "reason"), Str(2, "message"));
        Define("ContainerStateRunning", Msg(1, "startedAt", "Time", Required));
        Define(
            "ContainerStateTerminated",
            I32(1, "exitCode", Required),
            I32(2, "signal"),
            Str(3, "reason"),
            Str(4, "message"),
            Msg(5, "startedAt", "Time", Required),
            Msg(6, "finishedAt", "Time", Required),
            Str(7, "containerID"));
    }

    private static ProtoField[] ContainerFields() =>
    [
        Str(1, "name", Required),
        Str(2, "image"),
        Strs(3, "command"),
        Strs(4, "args"),
        Str(5, "workingDir"),
        Msgs(6, "ports", "ContainerPort"),
        Msgs(19, "envFrom", "EnvFromSource"),
        Msgs(7, "env", "EnvVar"),
        Msg(8, "resources", "ResourceRequirements", Required),
        Msgs(23, "resizePolicy", "ContainerResizePolicy"),
        Str(24, "restartPolicy", Pointer),
        Msgs(9, "volumeMounts", "VolumeMount"),
        Msgs(21, "volumeDevices", "VolumeDevice"),
        Msg(10, "livenessProbe", "Probe"),
        Msg(11, "readinessProbe", "Probe"),
        Msg(22, "startupProbe", "Probe"),
        Msg(12, "lifecycle", "Lifecycle"),
        Str(13, "terminationMessagePath"),
        Str(20, "terminationMessagePolicy"),
        Str(14, "imagePullPolicy"),
        Msg(15, "securityContext", "SecurityContext"),
        Bool(16, "stdin"),
        Bool(17, "stdinOnce"),
        Bool(18, "tty"),
    ];
}
