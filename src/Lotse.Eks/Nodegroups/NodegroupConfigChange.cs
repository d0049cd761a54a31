using System.Text.Json;
using Lotse.Eks.Updates;

namespace Lotse.Eks.Nodegroups;

/// <summary>
/// UpdateNodegroupConfig as a planned change: labels, taints, scaling and update config in one ConfigUpdate, each
/// member worded as an UpdateParam (LabelsToAdd, TaintsToRemove, MinSize, …), checked against the resulting node group.
/// </summary>
public static class NodegroupConfigChange
{
    public static (List<UpdateParam> Params, Action<EksNodegroup> Apply) Plan(UpdateNodegroupConfigRequest request, EksNodegroup nodegroup)
    {
        var (cluster, name) = (nodegroup.ClusterName, nodegroup.NodegroupName);
        if (request.Other is { Count: > 0 } other)
        {
            throw EksErrors.InvalidParameter($"Lotse does not support updating {other.Keys.First()} on node groups.", cluster, name);
        }

        var parameters = new List<UpdateParam>();
        var labels = new Dictionary<string, string>(nodegroup.Labels, StringComparer.Ordinal);
        if (request.Labels is { } labelUpdate)
        {
            var add = labelUpdate.AddOrUpdateLabels ?? [];
            var remove = labelUpdate.RemoveLabels ?? [];
            NodegroupRules.ValidateLabels(add, cluster, name);
            if (add.Keys.Intersect(remove, StringComparer.Ordinal).FirstOrDefault() is { } both)
            {
                throw EksErrors.InvalidParameter($"The label {both} cannot be both added and removed.", cluster, name);
            }

            remove.ForEach(key => labels.Remove(key));
            foreach (var (key, value) in add)
            {
                labels[key] = value;
            }

            AddParam(parameters, "LabelsToAdd", add.Count > 0, add);
            AddParam(parameters, "LabelsToRemove", remove.Count > 0, remove);
        }

        var taints = (nodegroup.Taints ?? []).ToList();
        if (request.Taints is { } taintUpdate)
        {
            var add = taintUpdate.AddOrUpdateTaints ?? [];
            var remove = taintUpdate.RemoveTaints ?? [];
            NodegroupRules.ValidateTaints(add, cluster, name);
            NodegroupRules.ValidateTaints(remove, cluster, name, requireEffect: false);

            // A taint is identified by key and effect; removing by key alone removes every effect of that key.
            taints.RemoveAll(t => remove.Any(r => r.Key == t.Key && (r.Effect is null || r.Effect == t.Effect)));
            taints.RemoveAll(t => add.Any(a => a.Key == t.Key && a.Effect == t.Effect));
            taints.AddRange(add);
            NodegroupRules.ValidateTaints(taints, cluster, name);
            AddParam(parameters, "TaintsToAdd", add.Count > 0, add);
            AddParam(parameters, "TaintsToRemove", remove.Count > 0, remove);
        }

        var scaling = new NodegroupScalingConfig
        {
            MinSize = request.ScalingConfig?.MinSize ?? nodegroup.ScalingConfig.MinSize,
            MaxSize = request.ScalingConfig?.MaxSize ?? nodegroup.ScalingConfig.MaxSize,
            DesiredSize = request.ScalingConfig?.DesiredSize ?? nodegroup.ScalingConfig.DesiredSize,
        };
        NodegroupRules.ValidateScaling(scaling, cluster, name);
        AddText(parameters, "MinSize", request.ScalingConfig?.MinSize);
        AddText(parameters, "MaxSize", request.ScalingConfig?.MaxSize);
        AddText(parameters, "DesiredSize", request.ScalingConfig?.DesiredSize);

        var updateConfig = request.UpdateConfig ?? nodegroup.UpdateConfig;
        NodegroupRules.ValidateUpdateConfig(updateConfig, scaling.MaxSize!.Value, cluster, name);
        AddText(parameters, "MaxUnavailable", request.UpdateConfig?.MaxUnavailable);
        AddText(parameters, "MaxUnavailablePercentage", request.UpdateConfig?.MaxUnavailablePercentage);
        if (request.UpdateConfig?.UpdateStrategy is { } strategy)
        {
            parameters.Add(new("UpdateStrategy", strategy));
        }

        if (parameters.Count == 0)
        {
            throw EksErrors.InvalidParameter("No changes needed for the nodegroup config provided", cluster, name);
        }

        void Apply(EksNodegroup ng)
        {
            ng.Labels = labels;
            ng.Taints = taints.Count > 0 ? taints : null;
            ng.ScalingConfig = scaling;
            ng.UpdateConfig = updateConfig;
        }

        return (parameters, Apply);
    }

    private static void AddParam<T>(List<UpdateParam> parameters, string type, bool present, T value)
    {
        if (present)
        {
            parameters.Add(new(type, JsonSerializer.Serialize(value, EksJson.Options)));
        }
    }

    private static void AddText(List<UpdateParam> parameters, string type, int? value)
    {
        if (value is { } v)
        {
            parameters.Add(new(type, v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
