using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>autoscaling/v1 HorizontalPodAutoscaler (what <c>kubectl autoscale</c> sends).</summary>
internal static partial class ProtobufSchema
{
    private static void DefineAutoscaling()
    {
        Define("CrossVersionObjectReference", Str(1, "kind", Required), Str(2, "name", Required), Str(3, "apiVersion"));
        Define(
            "HorizontalPodAutoscalerV1",
            Msg(1, "metadata", "ObjectMeta", Required),
            Msg(2, "spec", "HorizontalPodAutoscalerSpecV1", Required),
            Msg(3, "status", "HorizontalPodAutoscalerStatusV1", Required));
        Define(
            "HorizontalPodAutoscalerSpecV1",
            Msg(1, "scaleTargetRef", "CrossVersionObjectReference", Required),
            I32(2, "minReplicas", Pointer),
            I32(3, "maxReplicas", Required),
            I32(4, "targetCPUUtilizationPercentage", Pointer));
        Define(
            "HorizontalPodAutoscalerStatusV1",
            I64(1, "observedGeneration", Pointer),
            Msg(2, "lastScaleTime", "Time"),
            I32(3, "currentReplicas", Required),
            I32(4, "desiredReplicas", Required),
            I32(5, "currentCPUUtilizationPercentage", Pointer));
        Kind("autoscaling/v1", "HorizontalPodAutoscaler", "HorizontalPodAutoscalerV1");
    }
}
