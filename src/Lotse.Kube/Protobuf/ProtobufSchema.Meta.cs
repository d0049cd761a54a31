using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>apimachinery: meta/v1, runtime, intstr, resource.</summary>
internal static partial class ProtobufSchema
{
    private static void DefineMeta()
    {
        Special("Time", ProtoSpecial.Time);
        Special("MicroTime", ProtoSpecial.MicroTime);
        Special("Duration", ProtoSpecial.Duration);
        Special("IntOrString", ProtoSpecial.IntOrString);
        Special("Quantity", ProtoSpecial.Quantity);
        Special("RawExtension", ProtoSpecial.RawExtension);
        Special("FieldsV1", ProtoSpecial.FieldsV1);

        // runtime.TypeMeta, as carried by the runtime.Unknown envelope.
        Define("TypeMeta", Str(1, "apiVersion"), Str(2, "kind"));

        Define(
            "ObjectMeta",
            Str(1, "name"),
            Str(2, "generateName"),
            Str(3, "namespace"),
            Str(4, "selfLink"),
            Str(5, "uid"),
            Str(6, "resourceVersion"),
            I64(7, "generation"),
            Msg(8, "creationTimestamp", "Time", Required),
            Msg(9, "deletionTimestamp", "Time"),
            I64(10, "deletionGracePeriodSeconds", Pointer),
            StrMap(11, "labels"),
            StrMap(12, "annotations"),
            Msgs(13, "ownerReferences", "OwnerReference"),
            Strs(14, "finalizers"),
            Msgs(17, "managedFields", "ManagedFieldsEntry"));
        Define(
            "OwnerReference",
            Str(5, "apiVersion", Required),
            Str(1, "kind", Required),
            Str(3, "name", Required),
            Str(4, "uid", Required),
            Bool(6, "controller", Pointer),
            Bool(7, "blockOwnerDeletion", Pointer));
        Define(
            "ManagedFieldsEntry",
            Str(1, "manager"),
            Str(2, "operation"),
            Str(3, "apiVersion"),
            Msg(4, "time", "Time"),
            Str(6, "fieldsType"),
            Msg(7, "fieldsV1", "FieldsV1"),
            Str(8, "subresource"));
        Define("LabelSelector", StrMap(1, "matchLabels"), Msgs(2, "matchExpressions", "LabelSelectorRequirement"));
        Define("LabelSelectorRequirement", Str(1, "key", Required), Str(2, "operator", Required), Strs(3, "values"));
        Define(
            "Condition",
            Str(1, "type", Required),
            Str(2, "status", Required),
            I64(3, "observedGeneration"),
            Msg(4, "lastTransitionTime", "Time", Required),
            Str(5, "reason", Required),
            Str(6, "message", Required));
    }
}
