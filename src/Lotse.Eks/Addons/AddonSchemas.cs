namespace Lotse.Eks.Addons;

/// <summary>
/// Short JSON Schemas (draft-07) for each add-on's <c>configurationValues</c>: the handful of keys users set most,
/// closed with <c>additionalProperties: false</c> as EKS's schemas are, so a misspelt key is refused.
/// </summary>
internal static class AddonSchemas
{
    private const string Resources = """
        "resources": {"type": "object", "additionalProperties": false, "properties": {
          "limits": {"type": "object", "additionalProperties": false, "properties": {"cpu": {"type": "string"}, "memory": {"type": "string"} } },
          "requests": {"type": "object", "additionalProperties": false, "properties": {"cpu": {"type": "string"}, "memory": {"type": "string"} } } } }
        """;

    private const string Tolerations = """
        "tolerations": {"type": "array", "items": {"type": "object"} }
        """;

    public const string VpcCni = $$$"""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false, "properties": {
          "env": {"type": "object", "additionalProperties": false, "properties": {
            "ENABLE_PREFIX_DELEGATION": {"type": "string", "enum": ["true", "false"]},
            "WARM_ENI_TARGET": {"type": "string"},
            "WARM_IP_TARGET": {"type": "string"},
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": {"type": "string", "enum": ["true", "false"]} } },
          "enableNetworkPolicy": {"type": "string", "enum": ["true", "false"]},
          {{{Resources}}},
          {{{Tolerations}}}} }
        """;

    public const string CoreDns = $$$"""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false, "properties": {
          "replicaCount": {"type": "integer", "minimum": 1},
          "autoScaling": {"type": "object", "additionalProperties": false, "properties": {
            "enabled": {"type": "boolean"}, "minReplicas": {"type": "integer", "minimum": 2}, "maxReplicas": {"type": "integer", "minimum": 2} } },
          "nodeSelector": {"type": "object"},
          {{{Resources}}},
          {{{Tolerations}}}} }
        """;

    public const string KubeProxy = $$$"""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false, "properties": {
          "mode": {"type": "string", "enum": ["iptables", "ipvs"]},
          "ipvs": {"type": "object", "additionalProperties": false, "properties": {"scheduler": {"type": "string"} } },
          {{{Resources}}}} }
        """;

    public const string PodIdentityAgent = $$$"""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false, "properties": {
          "agent": {"type": "object", "additionalProperties": false, "properties": {"additionalArgs": {"type": "object"} } },
          "nodeSelector": {"type": "object"},
          {{{Resources}}},
          {{{Tolerations}}}} }
        """;

    public const string EbsCsiDriver = $$$"""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false, "properties": {
          "controller": {"type": "object", "additionalProperties": false, "properties": {
            "replicaCount": {"type": "integer", "minimum": 1},
            "extraVolumeTags": {"type": "object"},
            {{{Resources}}},
            {{{Tolerations}}}} },
          "node": {"type": "object", "additionalProperties": false, "properties": {
            "volumeAttachLimit": {"type": "integer", "minimum": 1},
            {{{Tolerations}}}} },
          "sidecars": {"type": "object"} } }
        """;
}
