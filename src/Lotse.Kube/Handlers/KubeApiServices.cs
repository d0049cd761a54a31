using Lotse.Kube.Auth;
using Lotse.Kube.Authentication;
using Lotse.Kube.ServiceAccounts;

namespace Lotse.Kube.Handlers;

/// <summary>What the server lends to handlers that are more than storage: the reviews ask the authenticators and the authorizer, TokenRequest signs.</summary>
/// <param name="Authentication">The server's bearer-token authenticators (TokenReview authenticates with them).</param>
/// <param name="Authorizer">The server's authorizer (the access reviews ask it).</param>
/// <param name="RuleResolvers">Listers of a user's rules (SelfSubjectRulesReview); empty until RBAC is there.</param>
/// <param name="ServiceAccountKeys">Each cluster's service-account signing key; null when tokens cannot be issued.</param>
public sealed record KubeApiServices(
    KubeAuthentication Authentication,
    IKubeAuthorizer Authorizer,
    IReadOnlyList<IKubeRuleResolver> RuleResolvers,
    IServiceAccountKeyProvider? ServiceAccountKeys);
