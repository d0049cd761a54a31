using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Selectors;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Registry;

/// <summary>Label and field selectors of one list or watch, checked against the kind's selectable fields.</summary>
public sealed class ObjectFilter
{
    private readonly KubeResource _resource;

    private ObjectFilter(KubeResource resource, LabelSelector labels, FieldSelector fields)
    {
        _resource = resource;
        Labels = labels;
        Fields = fields;
    }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public bool IsEverything => Labels.IsEmpty && Fields.IsEmpty;

    /// <summary>Parses both selectors; bad syntax or an unsupported field is a 400 as kube-apiserver answers it.</summary>
    public static ObjectFilter Create(KubeResource resource, string? labelSelector, string? fieldSelector)
    {
        LabelSelector labels;
        FieldSelector fields;
        try
        {
            labels = LabelSelector.Parse(labelSelector);
            fields = FieldSelector.Parse(fieldSelector);
        }
        catch (FormatException e)
        {
            throw KubeStatus.BadRequest(e.Message).ToException();
        }

        foreach (var (field, _, _) in fields.Terms)
        {
            var known = field is "metadata.name" || (field is "metadata.namespace" && resource.Namespaced) || resource.Strategy.ExtraSelectableFields.Contains(field);
            if (!known)
            {
                throw KubeStatus.BadRequest($"field label not supported: {field}").ToException();
            }
        }

        return new ObjectFilter(resource, labels, fields);
    }

    public static ObjectFilter Everything(KubeResource resource) => new(resource, LabelSelector.Everything, FieldSelector.Everything);

    public bool Matches(JsonObject obj) =>
        Labels.Matches(obj.Labels()) && Fields.Matches(field => field switch
        {
            "metadata.name" => obj.Name(),
            "metadata.namespace" => obj.Namespace(),
            _ => _resource.Strategy.GetSelectableField(obj, field),
        });
}
