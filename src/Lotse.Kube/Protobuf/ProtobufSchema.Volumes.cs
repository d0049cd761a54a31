using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>
/// core/v1 Volume with the sources workloads commonly use. Cloud-vendor and deprecated in-tree sources
/// (gcePersistentDisk, rbd, cephfs, …) are not listed: their field numbers are skipped on read.
/// </summary>
internal static partial class ProtobufSchema
{
    private static void DefineVolumes()
    {
        Define("Volume", Str(1, "name", Required), Msg(2, "volumeSource", "VolumeSource", Inline));
        Define(
            "VolumeSource",
            Msg(1, "hostPath", "HostPathVolumeSource"),
            Msg(2, "emptyDir", "EmptyDirVolumeSource"),
            Msg(6, "secret", "SecretVolumeSource"),
            Msg(7, "nfs", "NFSVolumeSource"),
            Msg(10, "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource"),
            Msg(16, "downwardAPI", "DownwardAPIVolumeSource"),
            Msg(19, "configMap", "ConfigMapVolumeSource"),
            Msg(26, "projected", "ProjectedVolumeSource"),
            Msg(28, "csi", "CSIVolumeSource"),
            Msg(30, "image", "ImageVolumeSource"));
        Define("HostPathVolumeSource", Str(1, "path", Required), Str(2, "type", Pointer));
        Define("EmptyDirVolumeSource", Str(1, "medium"), Msg(2, "sizeLimit", "Quantity"));
        Define(
            "SecretVolumeSource",
            Str(1, "secretName"),
            Msgs(2, "items", "KeyToPath"),
            I32(3, "defaultMode", Pointer),
            Bool(4, "optional", Pointer));
        Define("NFSVolumeSource", Str(1, "server", Required), Str(2, "path", Required), Bool(3, "readOnly"));
        Define("PersistentVolumeClaimVolumeSource", Str(1, "claimName", Required), Bool(2, "readOnly"));
        Define("DownwardAPIVolumeSource", Msgs(1, "items", "DownwardAPIVolumeFile"), I32(2, "defaultMode", Pointer));
        Define(
            "DownwardAPIVolumeFile",
            Str(1, "path", Required),
            Msg(2, "fieldRef", "ObjectFieldSelector"),
            Msg(3, "resourceFieldRef", "ResourceFieldSelector"),
            I32(4, "mode", Pointer));
        Define(
            "ConfigMapVolumeSource",
            Msg(1, "localObjectReference", "LocalObjectReference", Inline),
            Msgs(2, "items", "KeyToPath"),
            I32(3, "defaultMode", Pointer),
            Bool(4, "optional", Pointer));
        Define("KeyToPath", Str(1, "key", Required), Str(2, "path", Required), I32(3, "mode", Pointer));
        Define("ProjectedVolumeSource", Msgs(1, "sources", "VolumeProjection", Required), I32(2, "defaultMode", Pointer));
        Define(
            "VolumeProjection",
            Msg(1, "secret", "Projection"),
            Msg(2, "downwardAPI", "DownwardAPIProjection"),
            Msg(3, "configMap", "Projection"),
            Msg(4, "serviceAccountToken", "ServiceAccountTokenProjection"));

        // SecretProjection and ConfigMapProjection: LocalObjectReference=1 (inline), items=2, optional=4.
        Define("Projection", Msg(1, "localObjectReference", "LocalObjectReference", Inline), Msgs(2, "items", "KeyToPath"), Bool(4, "optional", Pointer));
        Define("DownwardAPIProjection", Msgs(1, "items", "DownwardAPIVolumeFile"));
        Define("ServiceAccountTokenProjection", Str(1, "audience"), I64(2, "expirationSeconds", Pointer), Str(3, "path", Required));
        Define(
            "CSIVolumeSource",
            Str(1, "driver", Required),
            Bool(2, "readOnly", Pointer),
            Str(3, "fsType", Pointer),
            StrMap(4, "volumeAttributes"),
            Msg(5, "nodePublishSecretRef", "LocalObjectReference"));
        Define("ImageVolumeSource", Str(1, "reference"), Str(2, "pullPolicy"));
    }
}
