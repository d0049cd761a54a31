using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>apps/v1 Deployment, batch/v1 Job and CronJob.</summary>
internal static partial class ProtobufSchema
{
    private static void DefineWorkloads()
    {
        Define("Deployment", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "DeploymentSpec", Required), Msg(3, "status", "DeploymentStatus", Required));
        Define(
            "DeploymentSpec",
            I32(1, "replicas", Pointer),
            Msg(2, "selector", "LabelSelector", NullWhenAbsent),
            Msg(3, "template", "PodTemplateSpec", Required),
            Msg(4, "strategy", "DeploymentStrategy", Required),
            I32(5, "minReadySeconds"),
            I32(6, "revisionHistoryLimit", Pointer),
            Bool(7, "paused"),
            I32(9, "progressDeadlineSeconds", Pointer));
        Define("DeploymentStrategy", Str(1, "type"), Msg(2, "rollingUpdate", "RollingUpdateDeployment"));
        Define("RollingUpdateDeployment", Msg(1, "maxUnavailable", "IntOrString"), Msg(2, "maxSurge", "IntOrString"));
        Define(
            "DeploymentStatus",
            I64(1, "observedGeneration"),
            I32(2, "replicas"),
            I32(3, "updatedReplicas"),
            I32(7, "readyReplicas"),
            I32(4, "availableReplicas"),
            I32(5, "unavailableReplicas"),
            I32(9, "terminatingReplicas", Pointer),
            Msgs(6, "conditions", "DeploymentCondition"),
            I32(8, "collisionCount", Pointer));
        Define(
            "DeploymentCondition",
            Str(1, "type", Required),
            Str(2, "status", Required),
            Msg(6, "lastUpdateTime", "Time", Required),
            Msg(7, "lastTransitionTime", "Time", Required),
            Str(4, "reason"),
            Str(5, "message"));
        Kind("apps/v1", "Deployment");

        Define("Job", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "JobSpec", Required), Msg(3, "status", "JobStatus", Required));
        Define(
            "JobSpec",
            I32(1, "parallelism", Pointer),
            I32(2, "completions", Pointer),
            I64(3, "activeDeadlineSeconds", Pointer),
            I32(7, "backoffLimit", Pointer),
            I32(12, "backoffLimitPerIndex", Pointer),
            I32(13, "maxFailedIndexes", Pointer),
            Msg(4, "selector", "LabelSelector"),
            Bool(5, "manualSelector", Pointer),
            Msg(6, "template", "PodTemplateSpec", Required),
            I32(8, "ttlSecondsAfterFinished", Pointer),
            Str(9, "completionMode", Pointer),
            Bool(10, "suspend", Pointer),
            Str(14, "podReplacementPolicy", Pointer),
            Str(15, "managedBy", Pointer));
        Define(
            "JobStatus",
            Msgs(1, "conditions", "JobCondition"),
            Msg(2, "startTime", "Time"),
            Msg(3, "completionTime", "Time"),
            I32(4, "active"),
            I32(5, "succeeded"),
            I32(6, "failed"),
            I32(11, "terminating", Pointer),
            Str(7, "completedIndexes"),
            Str(10, "failedIndexes", Pointer),
            Msg(8, "uncountedTerminatedPods", "UncountedTerminatedPods"),
            I32(9, "ready", Pointer));
        Define(
            "JobCondition",
            Str(1, "type", Required),
            Str(2, "status", Required),
            Msg(3, "lastProbeTime", "Time", Required),
            Msg(4, "lastTransitionTime", "Time", Required),
            Str(5, "reason"),
            Str(6, "message"));
        Define("UncountedTerminatedPods", Strs(1, "succeeded"), Strs(2, "failed"));
        Kind("batch/v1", "Job");

        Define("CronJob", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "CronJobSpec", Required), Msg(3, "status", "CronJobStatus", Required));
        Define(
            "CronJobSpec",
            Str(1, "schedule", Required),
            Str(8, "timeZone", Pointer),
            I64(2, "startingDeadlineSeconds", Pointer),
            Str(3, "concurrencyPolicy"),
            Bool(4, "suspend", Pointer),
            Msg(5, "jobTemplate", "JobTemplateSpec", Required),
            I32(6, "successfulJobsHistoryLimit", Pointer),
            I32(7, "failedJobsHistoryLimit", Pointer));
        Define("JobTemplateSpec", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "JobSpec", Required));
        Define("CronJobStatus", Msgs(1, "active", "ObjectReference"), Msg(4, "lastScheduleTime", "Time"), Msg(5, "lastSuccessfulTime", "Time"));
        Kind("batch/v1", "CronJob");
    }
}
