namespace Lotse.Kube.Registry;

/// <summary>A <c>meta/v1 TableColumnDefinition</c>; priority 1 columns appear only with <c>-o wide</c>.</summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority = 0)
{
    public static TableColumn NameColumn { get; } = new("Name", "string", "name", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names");

    public static TableColumn AgeColumn { get; } = new("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");

    /// <summary>The <c>-o wide</c> CONTAINERS column of every kind with a pod template.</summary>
    public static TableColumn TemplateContainersColumn { get; } = new("Containers", "string", "", "Names of each container in the template.", 1);

    /// <summary>The <c>-o wide</c> IMAGES column of every kind with a pod template.</summary>
    public static TableColumn TemplateImagesColumn { get; } = new("Images", "string", "", "Images referenced by each container in the template.", 1);
}
