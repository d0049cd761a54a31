using Lotse.Kube.Handlers;
using Lotse.Kube.Registry.Strategies;

namespace Lotse.Kube.Registry;

/// <summary>
/// Every kind the front door serves. Discovery, routing, table output and the namespace cascade are generated
/// from this list, so adding a kind is one strategy file plus one entry here.
/// </summary>
public sealed class KubeResourceRegistry
{
    private readonly Dictionary<(string Group, string Version, string Resource), KubeResource> _byPath = [];

    public KubeResourceRegistry(IEnumerable<KubeResource> resources)
    {
        Resources = resources.ToList();
        foreach (var resource in Resources)
        {
            _byPath.Add((resource.Group, resource.Version, resource.Resource), resource);
        }
    }

    public IReadOnlyList<KubeResource> Resources { get; }

    /// <summary>The built-in kinds of this milestone.</summary>
    public static KubeResourceRegistry CreateDefault()
    {
        KubeResourceRegistry? registry = null;
        var namespaces = new NamespaceStrategy(() => registry!.Resources.Where(r => r.Namespaced && r.Handler is null && r.SharedStorage is null));
        var deployments = new DeploymentStrategy();
        var replicaSets = new ReplicaSetStrategy();
        var disruptionBudgets = new PodDisruptionBudgetStrategy();
        var statefulSets = new StatefulSetStrategy();
        var daemonSets = new DaemonSetStrategy();
        var autoscalers = new HorizontalPodAutoscalerStrategy();
        var autoscalersV2 = new KubeResource { Group = "autoscaling", Version = "v2", Resource = "horizontalpodautoscalers", Kind = "HorizontalPodAutoscaler", Singular = "horizontalpodautoscaler", Namespaced = true, ShortNames = ["hpa"], Categories = ["all"], Strategy = autoscalers, Subresources = [StatusSubresourceHandler.For("autoscaling", "v2", "HorizontalPodAutoscaler", new Workloads.WorkloadStatusStrategy(autoscalers))] };
        var jobs = new JobStrategy();
        var cronJobs = new CronJobStrategy();
        var signingRequests = new CertificateSigningRequestStrategy();
        var admissionPolicies = new ValidatingAdmissionPolicyStrategy();
        var flowSchemas = new FlowSchemaStrategy();
        var priorityLevels = new PriorityLevelConfigurationStrategy();
        var nodes = new NodeStrategy();
        var volumes = new PersistentVolumeStrategy();
        var claims = new PersistentVolumeClaimStrategy();
        var quotas = new ResourceQuotaStrategy();
        var replicationControllers = new ReplicationControllerStrategy();
        var ingresses = new IngressStrategy();
        var volumeAttachments = new VolumeAttachmentStrategy();
        var events = new EventStrategy();
        var eventsV1 = new EventsV1Conversion();
        registry = new KubeResourceRegistry(
        [
            new() { Group = "", Version = "v1", Resource = "namespaces", Kind = "Namespace", Singular = "namespace", Namespaced = false, ShortNames = ["ns"], Strategy = namespaces, Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] },
            new() { Group = "", Version = "v1", Resource = "services", Kind = "Service", Singular = "service", Namespaced = true, ShortNames = ["svc"], Categories = ["all"], Strategy = new ServiceStrategy(), Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] },
            new() { Group = "", Version = "v1", Resource = "pods", Kind = "Pod", Singular = "pod", Namespaced = true, ShortNames = ["po"], Categories = ["all"], Strategy = new PodStrategy(), Subresources = [StatusSubresourceHandler.For("", "v1", "Pod", new Pods.PodStatusStrategy())] },
            new() { Group = "", Version = "v1", Resource = "endpoints", Kind = "Endpoints", Singular = "endpoints", Namespaced = true, ShortNames = ["ep"], Strategy = new EndpointsStrategy() },
            new() { Group = "", Version = "v1", Resource = "configmaps", Kind = "ConfigMap", Singular = "configmap", Namespaced = true, ShortNames = ["cm"], Strategy = new ConfigMapStrategy() },
            new() { Group = "", Version = "v1", Resource = "secrets", Kind = "Secret", Singular = "secret", Namespaced = true, Strategy = new SecretStrategy() },
            new() { Group = "", Version = "v1", Resource = "serviceaccounts", Kind = "ServiceAccount", Singular = "serviceaccount", Namespaced = true, ShortNames = ["sa"], Strategy = new ServiceAccountStrategy(), Subresources = [ServiceAccounts.TokenRequestHandler.Subresource] },
            new() { Group = "", Version = "v1", Resource = "events", Kind = "Event", Singular = "event", Namespaced = true, ShortNames = ["ev"], Strategy = events },
            new() { Group = "", Version = "v1", Resource = "nodes", Kind = "Node", Singular = "node", Namespaced = false, ShortNames = ["no"], Strategy = nodes, Subresources = [StatusSubresourceHandler.For("", "v1", "Node", new StatusStrategy(nodes, NodeStrategy.PrepareForStatusUpdate, (obj, _, errors) => NodeStrategy.ValidateStatus(obj, errors)))] },
            new() { Group = "", Version = "v1", Resource = "persistentvolumes", Kind = "PersistentVolume", Singular = "persistentvolume", Namespaced = false, ShortNames = ["pv"], Strategy = volumes, Subresources = [StatusSubresourceHandler.For("", "v1", "PersistentVolume", new StatusStrategy(volumes, (obj, old) => PersistentVolumeStrategy.PrepareForStatusUpdate(obj, old, DateTimeOffset.UtcNow)))] },
            new() { Group = "", Version = "v1", Resource = "persistentvolumeclaims", Kind = "PersistentVolumeClaim", Singular = "persistentvolumeclaim", Namespaced = true, ShortNames = ["pvc"], Strategy = claims, Subresources = [StatusSubresourceHandler.For("", "v1", "PersistentVolumeClaim", new StatusStrategy(claims, (obj, _) => PersistentVolumeClaimStrategy.PrepareForStatusUpdate(obj), (obj, _, errors) => PersistentVolumeClaimStrategy.ValidateStatus(obj, errors)))] },
            new() { Group = "", Version = "v1", Resource = "limitranges", Kind = "LimitRange", Singular = "limitrange", Namespaced = true, ShortNames = ["limits"], Strategy = new LimitRangeStrategy() },
            new() { Group = "", Version = "v1", Resource = "resourcequotas", Kind = "ResourceQuota", Singular = "resourcequota", Namespaced = true, ShortNames = ["quota"], Strategy = quotas, Subresources = [StatusSubresourceHandler.For("", "v1", "ResourceQuota", new StatusStrategy(quotas, (obj, _) => ResourceQuotaStrategy.PrepareForStatusUpdate(obj), (obj, _, errors) => ResourceQuotaStrategy.ValidateStatus(obj, errors)))] },
            new() { Group = "", Version = "v1", Resource = "podtemplates", Kind = "PodTemplate", Singular = "podtemplate", Namespaced = true, Strategy = new PodTemplateStrategy() },
            new() { Group = "", Version = "v1", Resource = "replicationcontrollers", Kind = "ReplicationController", Singular = "replicationcontroller", Namespaced = true, ShortNames = ["rc"], Categories = ["all"], Strategy = replicationControllers, Subresources = [StatusSubresourceHandler.For("", "v1", "ReplicationController", new Workloads.WorkloadStatusStrategy(replicationControllers)), Workloads.ScaleSubresourceHandler.Subresource] },
            new() { Group = "apps", Version = "v1", Resource = "deployments", Kind = "Deployment", Singular = "deployment", Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], Strategy = deployments, Subresources = [StatusSubresourceHandler.For("apps", "v1", "Deployment", new Workloads.WorkloadStatusStrategy(deployments)), Workloads.ScaleSubresourceHandler.Subresource] },
            new() { Group = "apps", Version = "v1", Resource = "replicasets", Kind = "ReplicaSet", Singular = "replicaset", Namespaced = true, ShortNames = ["rs"], Categories = ["all"], Strategy = replicaSets, Subresources = [StatusSubresourceHandler.For("apps", "v1", "ReplicaSet", new Workloads.WorkloadStatusStrategy(replicaSets)), Workloads.ScaleSubresourceHandler.Subresource] },
            new() { Group = "apps", Version = "v1", Resource = "statefulsets", Kind = "StatefulSet", Singular = "statefulset", Namespaced = true, ShortNames = ["sts"], Categories = ["all"], Strategy = statefulSets, Subresources = [StatusSubresourceHandler.For("apps", "v1", "StatefulSet", new Workloads.WorkloadStatusStrategy(statefulSets)), Workloads.ScaleSubresourceHandler.Subresource] },
            new() { Group = "apps", Version = "v1", Resource = "daemonsets", Kind = "DaemonSet", Singular = "daemonset", Namespaced = true, ShortNames = ["ds"], Categories = ["all"], Strategy = daemonSets, Subresources = [StatusSubresourceHandler.For("apps", "v1", "DaemonSet", new Workloads.WorkloadStatusStrategy(daemonSets))] },
            new() { Group = "apps", Version = "v1", Resource = "controllerrevisions", Kind = "ControllerRevision", Singular = "controllerrevision", Namespaced = true, Strategy = new ControllerRevisionStrategy() },
            autoscalersV2,
            new() { Group = "autoscaling", Version = Autoscaling.HorizontalPodAutoscalerV1Handler.Version, Resource = "horizontalpodautoscalers", Kind = "HorizontalPodAutoscaler", Singular = "horizontalpodautoscaler", Namespaced = true, ShortNames = ["hpa"], Categories = ["all"], Verbs = Autoscaling.HorizontalPodAutoscalerV1Handler.Verbs, Strategy = autoscalers, Handler = new Autoscaling.HorizontalPodAutoscalerV1Handler(autoscalersV2) },
            new() { Group = "rbac.authorization.k8s.io", Version = "v1", Resource = "clusterrolebindings", Kind = "ClusterRoleBinding", Singular = "clusterrolebinding", Namespaced = false, Strategy = new ClusterRoleBindingStrategy() },
            new() { Group = "rbac.authorization.k8s.io", Version = "v1", Resource = "clusterroles", Kind = "ClusterRole", Singular = "clusterrole", Namespaced = false, Strategy = new ClusterRoleStrategy() },
            new() { Group = "rbac.authorization.k8s.io", Version = "v1", Resource = "rolebindings", Kind = "RoleBinding", Singular = "rolebinding", Namespaced = true, Strategy = new RoleBindingStrategy() },
            new() { Group = "rbac.authorization.k8s.io", Version = "v1", Resource = "roles", Kind = "Role", Singular = "role", Namespaced = true, Strategy = new RoleStrategy() },
            new() { Group = "scheduling.k8s.io", Version = "v1", Resource = "priorityclasses", Kind = "PriorityClass", Singular = "priorityclass", Namespaced = false, ShortNames = ["pc"], Strategy = new PriorityClassStrategy() },
            new() { Group = "coordination.k8s.io", Version = "v1", Resource = "leases", Kind = "Lease", Singular = "lease", Namespaced = true, Strategy = new LeaseStrategy() },
            new() { Group = "node.k8s.io", Version = "v1", Resource = "runtimeclasses", Kind = "RuntimeClass", Singular = "runtimeclass", Namespaced = false, Strategy = new RuntimeClassStrategy() },
            new() { Group = "storage.k8s.io", Version = "v1", Resource = "storageclasses", Kind = "StorageClass", Singular = "storageclass", Namespaced = false, ShortNames = ["sc"], Strategy = new StorageClassStrategy() },
            new() { Group = "storage.k8s.io", Version = "v1", Resource = "csidrivers", Kind = "CSIDriver", Singular = "csidriver", Namespaced = false, Strategy = new CsiDriverStrategy() },
            new() { Group = "storage.k8s.io", Version = "v1", Resource = "csinodes", Kind = "CSINode", Singular = "csinode", Namespaced = false, Strategy = new CsiNodeStrategy() },
            new() { Group = "storage.k8s.io", Version = "v1", Resource = "volumeattachments", Kind = "VolumeAttachment", Singular = "volumeattachment", Namespaced = false, Strategy = volumeAttachments, Subresources = [StatusSubresourceHandler.For("storage.k8s.io", "v1", "VolumeAttachment", new StatusStrategy(volumeAttachments, validate: VolumeAttachmentStrategy.ValidateStatus))] },
            new() { Group = "networking.k8s.io", Version = "v1", Resource = "ingressclasses", Kind = "IngressClass", Singular = "ingressclass", Namespaced = false, Strategy = new IngressClassStrategy() },
            new() { Group = "networking.k8s.io", Version = "v1", Resource = "ingresses", Kind = "Ingress", Singular = "ingress", Namespaced = true, ShortNames = ["ing"], Strategy = ingresses, Subresources = [StatusSubresourceHandler.For("networking.k8s.io", "v1", "Ingress", new StatusStrategy(ingresses, validate: IngressStrategy.ValidateStatus))] },
            new() { Group = "networking.k8s.io", Version = "v1", Resource = "networkpolicies", Kind = "NetworkPolicy", Singular = "networkpolicy", Namespaced = true, ShortNames = ["netpol"], Strategy = new NetworkPolicyStrategy() },
            new() { Group = "events.k8s.io", Version = "v1", Resource = "events", Kind = "Event", Singular = "event", Namespaced = true, ShortNames = ["ev"], Strategy = new EventsV1EventStrategy(events, eventsV1), SharedStorage = eventsV1 },
            new() { Group = "discovery.k8s.io", Version = "v1", Resource = "endpointslices", Kind = "EndpointSlice", Singular = "endpointslice", Namespaced = true, Strategy = new EndpointSliceStrategy() },
            new() { Group = "policy", Version = "v1", Resource = "poddisruptionbudgets", Kind = "PodDisruptionBudget", Singular = "poddisruptionbudget", Namespaced = true, ShortNames = ["pdb"], Strategy = disruptionBudgets, Subresources = [StatusSubresourceHandler.For("policy", "v1", "PodDisruptionBudget", new PodDisruptionBudgetStatusStrategy(disruptionBudgets))] },
            new() { Group = CustomResourceDefinitionStrategy.Group, Version = "v1", Resource = "customresourcedefinitions", Kind = "CustomResourceDefinition", Singular = "customresourcedefinition", Namespaced = false, ShortNames = ["crd", "crds"], Strategy = new CustomResourceDefinitionStrategy(), Subresources = [StatusSubresourceHandler.For(CustomResourceDefinitionStrategy.Group, "v1", "CustomResourceDefinition", new CustomResourceDefinitionStatusStrategy())] },
            new() { Group = "batch", Version = "v1", Resource = "jobs", Kind = "Job", Singular = "job", Namespaced = true, Categories = ["all"], Strategy = jobs, Subresources = [StatusSubresourceHandler.For("batch", "v1", "Job", new StatusStrategy(jobs, validate: JobStrategy.ValidateStatus))] },
            new() { Group = "batch", Version = "v1", Resource = "cronjobs", Kind = "CronJob", Singular = "cronjob", Namespaced = true, ShortNames = ["cj"], Categories = ["all"], Strategy = cronJobs, Subresources = [StatusSubresourceHandler.For("batch", "v1", "CronJob", new StatusStrategy(cronJobs))] },
            new() { Group = "certificates.k8s.io", Version = "v1", Resource = "certificatesigningrequests", Kind = "CertificateSigningRequest", Singular = "certificatesigningrequest", Namespaced = false, ShortNames = ["csr"], Strategy = signingRequests, Subresources = [StatusSubresourceHandler.For("certificates.k8s.io", "v1", "CertificateSigningRequest", new CertificateSigningRequestStatusStrategy(signingRequests, approval: false)), new("approval", "certificates.k8s.io", "v1", "CertificateSigningRequest", ["get", "patch", "update"], new StatusSubresourceHandler(new CertificateSigningRequestStatusStrategy(signingRequests, approval: true)))] },
            new() { Group = "admissionregistration.k8s.io", Version = "v1", Resource = "validatingwebhookconfigurations", Kind = "ValidatingWebhookConfiguration", Singular = "validatingwebhookconfiguration", Namespaced = false, Strategy = new ValidatingWebhookConfigurationStrategy() },
            new() { Group = "admissionregistration.k8s.io", Version = "v1", Resource = "mutatingwebhookconfigurations", Kind = "MutatingWebhookConfiguration", Singular = "mutatingwebhookconfiguration", Namespaced = false, Strategy = new MutatingWebhookConfigurationStrategy() },
            new() { Group = "admissionregistration.k8s.io", Version = "v1", Resource = "validatingadmissionpolicies", Kind = "ValidatingAdmissionPolicy", Singular = "validatingadmissionpolicy", Namespaced = false, Strategy = admissionPolicies, Subresources = [StatusSubresourceHandler.For("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", new StatusStrategy(admissionPolicies))] },
            new() { Group = "admissionregistration.k8s.io", Version = "v1", Resource = "validatingadmissionpolicybindings", Kind = "ValidatingAdmissionPolicyBinding", Singular = "validatingadmissionpolicybinding", Namespaced = false, Strategy = new ValidatingAdmissionPolicyBindingStrategy() },
            new() { Group = "flowcontrol.apiserver.k8s.io", Version = "v1", Resource = "flowschemas", Kind = "FlowSchema", Singular = "flowschema", Namespaced = false, Strategy = flowSchemas, Subresources = [StatusSubresourceHandler.For("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", new StatusStrategy(flowSchemas))] },
            new() { Group = "flowcontrol.apiserver.k8s.io", Version = "v1", Resource = "prioritylevelconfigurations", Kind = "PriorityLevelConfiguration", Singular = "prioritylevelconfiguration", Namespaced = false, Strategy = priorityLevels, Subresources = [StatusSubresourceHandler.For("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", new StatusStrategy(priorityLevels))] },
            .. Reviews.ReviewResources.All,
        ]);
        return registry;
    }

    public KubeResource? Find(string group, string version, string resource) =>
        _byPath.GetValueOrDefault((group, version, resource));

    public KubeResource Get(string group, string resource) =>
        Resources.First(r => r.Group == group && r.Resource == resource);

    /// <summary>Groups (other than core) with their versions, in registration order — preferred version first.</summary>
    public IEnumerable<(string Group, IReadOnlyList<string> Versions)> NamedGroups() =>
        Resources.Where(r => r.Group.Length > 0).GroupBy(r => r.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(r => r.Version).Distinct().ToList()));
}
