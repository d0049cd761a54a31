using Lotse.Kube.Tests.Infrastructure;
using Lotse.Kube.Tests.Strategies;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// The real kubectl on batch/v1 Jobs and CronJobs and certificates.k8s.io/v1 CertificateSigningRequests: the create
/// generators, tables (wide too), manifests of several kinds, an invalid Job, and certificate approve/deny.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlBatchAndCertificatesTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task CreateJobAndCronJob_Generators_TablesAndYaml()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("batch");

        var job = await kubectl.RunAsync("-n", ns, "create", "job", "hello", "--image=busybox", "--", "echo", "hi");
        job.ExitCode.ShouldBe(0, job.Stderr + string.Join("\n", server.Log.Entries));
        job.Stdout.Trim().ShouldBe("job.batch/hello created");

        var jobs = await kubectl.RunAsync("-n", ns, "get", "jobs");
        jobs.ExitCode.ShouldBe(0, jobs.Stderr);
        jobs.Stdout.ShouldMatch(@"NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE");
        jobs.Stdout.ShouldMatch(@"(?m)^hello\s+Running\s+0/1\s+\d+s\s*$");

        var wide = await kubectl.RunAsync("-n", ns, "get", "job", "hello", "-o", "wide");
        wide.ExitCode.ShouldBe(0, wide.Stderr);
        wide.Stdout.ShouldMatch(@"NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR");
        wide.Stdout.ShouldMatch(@"(?m)^hello\s+Running\s+0/1\s+\d+s\s+hello\s+busybox\s+batch\.kubernetes\.io/controller-uid=[0-9a-f-]{36}\s*$");

        var yaml = await kubectl.RunAsync("-n", ns, "get", "job", "hello", "-o", "jsonpath={.spec.backoffLimit} {.spec.completionMode} {.spec.template.spec.restartPolicy} {.spec.template.metadata.labels.job-name} {.spec.template.spec.containers[0].command}");
        yaml.Stdout.ShouldBe("6 NonIndexed Never hello [\"echo\",\"hi\"]");

        var cron = await kubectl.RunAsync("-n", ns, "create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--", "date");
        cron.ExitCode.ShouldBe(0, cron.Stderr + string.Join("\n", server.Log.Entries));
        cron.Stdout.Trim().ShouldBe("cronjob.batch/tick created");

        var cronJobs = await kubectl.RunAsync("-n", ns, "get", "cj", "-o", "wide");
        cronJobs.ExitCode.ShouldBe(0, cronJobs.Stderr);
        cronJobs.Stdout.ShouldMatch(@"NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR");
        cronJobs.Stdout.ShouldMatch(@"(?m)^tick\s+\*/5 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\s+tick\s+busybox\s+<none>\s*$");

        var manual = await kubectl.RunAsync("-n", ns, "create", "job", "manual", "--from=cronjob/tick");
        manual.ExitCode.ShouldBe(0, manual.Stderr + string.Join("\n", server.Log.Entries));
        manual.Stdout.Trim().ShouldBe("job.batch/manual created");
        var owner = await kubectl.RunAsync("-n", ns, "get", "job", "manual", "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.spec.template.spec.containers[0].command}");
        owner.Stdout.ShouldBe("CronJob/tick manual [\"date\"]");

        var all = await kubectl.RunAsync("-n", ns, "get", "all");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.ShouldMatch(@"(?m)^job\.batch/hello\s+Running\s+0/1");
        all.Stdout.ShouldMatch(@"(?m)^cronjob\.batch/tick\s+\*/5");
    }

    [KubectlFact]
    public async Task CreateFromFile_JobCronJobCsr_BadJobRejected()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("batch");
        var csrName = $"csr-{Guid.NewGuid():N}"[..16];
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "batch.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: pi
            spec:
              completions: 3
              parallelism: 2
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: pi
                    image: perl:5.34
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              schedule: "@daily"
              timeZone: Etc/UTC
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: backup
                        image: busybox
            ---
            apiVersion: certificates.k8s.io/v1
            kind: CertificateSigningRequest
            metadata:
              name: {csrName}
            spec:
              request: {CertificateSigningRequestStrategyTests.RequestBase64("alice")}
              signerName: kubernetes.io/kube-apiserver-client
              usages: ["client auth"]
            """);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.ShouldContain("job.batch/pi created");
        create.Stdout.ShouldContain("cronjob.batch/nightly created");
        create.Stdout.ShouldContain($"certificatesigningrequest.certificates.k8s.io/{csrName} created");

        var jobs = await kubectl.RunAsync("-n", ns, "get", "job", "pi");
        jobs.Stdout.ShouldMatch(@"(?m)^pi\s+Running\s+0/3\s+\d+s\s*$");
        var cronJobs = await kubectl.RunAsync("-n", ns, "get", "cronjob", "nightly");
        cronJobs.Stdout.ShouldMatch(@"(?m)^nightly\s+@daily\s+Etc/UTC\s+False\s+0\s+<none>\s+\d+s\s*$");

        await File.WriteAllTextAsync(file, """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: bad
            spec:
              template:
                spec:
                  containers:
                  - name: c
                    image: busybox
            """);
        var bad = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        bad.ExitCode.ShouldNotBe(0);
        bad.Stderr.Trim().ShouldBe("The Job \"bad\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
    }

    [KubectlFact]
    public async Task CertificateApproveDeny_ConditionShownInTable()
    {
        using var kubectl = new Kubectl(server);
        var approveName = $"approve-{Guid.NewGuid():N}"[..16];
        var denyName = $"deny-{Guid.NewGuid():N}"[..16];
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "csr.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: certificates.k8s.io/v1
            kind: CertificateSigningRequest
            metadata:
              name: {approveName}
            spec:
              request: {CertificateSigningRequestStrategyTests.RequestBase64("alice")}
              signerName: kubernetes.io/kube-apiserver-client
              expirationSeconds: 86400
              usages: ["client auth"]
            ---
            apiVersion: certificates.k8s.io/v1
            kind: CertificateSigningRequest
            metadata:
              name: {denyName}
            spec:
              request: {CertificateSigningRequestStrategyTests.RequestBase64("bob")}
              signerName: example.com/custom
              usages: ["digital signature", "server auth"]
            """);
        var create = await kubectl.RunAsync("create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);

        var pending = await kubectl.RunAsync("get", "csr", approveName);
        pending.ExitCode.ShouldBe(0, pending.Stderr);
        pending.Stdout.ShouldMatch(@"NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION");
        pending.Stdout.ShouldMatch($@"(?m)^{approveName}\s+\d+s\s+kubernetes\.io/kube-apiserver-client\s+admin\s+24h\s+Pending\s*$");

        var approve = await kubectl.RunAsync("certificate", "approve", approveName);
        approve.ExitCode.ShouldBe(0, approve.Stderr + string.Join("\n", server.Log.Entries));
        approve.Stdout.Trim().ShouldBe($"certificatesigningrequest.certificates.k8s.io/{approveName} approved");
        var deny = await kubectl.RunAsync("certificate", "deny", denyName);
        deny.ExitCode.ShouldBe(0, deny.Stderr + string.Join("\n", server.Log.Entries));
        deny.Stdout.Trim().ShouldBe($"certificatesigningrequest.certificates.k8s.io/{denyName} denied");

        var table = await kubectl.RunAsync("get", "csr");
        table.Stdout.ShouldMatch($@"(?m)^{approveName}\s+\d+s\s+kubernetes\.io/kube-apiserver-client\s+admin\s+24h\s+Approved\s*$");
        table.Stdout.ShouldMatch($@"(?m)^{denyName}\s+\d+s\s+example\.com/custom\s+admin\s+<none>\s+Denied\s*$");
        var reason = await kubectl.RunAsync("get", "csr", approveName, "-o", "jsonpath={.status.conditions[0].reason}");
        reason.Stdout.ShouldBe("KubectlApprove");

        var conflict = await kubectl.RunAsync("certificate", "deny", approveName);
        conflict.ExitCode.ShouldNotBe(0);
        conflict.Stderr.Trim().ShouldBe($"error: certificate signing request \"{approveName}\" is already Approved");
    }

    [KubectlFact]
    public async Task CreateFromFile_AdmissionKinds_TablesAndWebhookError()
    {
        using var kubectl = new Kubectl(server);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "admission.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: check-{suffix}
            webhooks:
            - name: check.example.com
              sideEffects: None
              admissionReviewVersions: ["v1"]
              clientConfig:
                url: https://hooks.example.com/check
              rules:
              - operations: ["CREATE"]
                apiGroups: [""]
                apiVersions: ["v1"]
                resources: ["pods"]
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata:
              name: inject-{suffix}
            webhooks:
            - name: inject.example.com
              sideEffects: NoneOnDryRun
              admissionReviewVersions: ["v1", "v1beta1"]
              clientConfig:
                service:
                  namespace: default
                  name: injector
            - name: label.example.com
              sideEffects: None
              admissionReviewVersions: ["v1"]
              clientConfig:
                service:
                  namespace: default
                  name: labeler
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: limit-{suffix}
            spec:
              matchConstraints:
                resourceRules:
                - operations: ["CREATE", "UPDATE"]
                  apiGroups: ["apps"]
                  apiVersions: ["v1"]
                  resources: ["deployments"]
              validations:
              - expression: "object.spec.replicas <= 5"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata:
              name: limit-{suffix}
            spec:
              policyName: limit-{suffix}
              validationActions: ["Deny"]
            """);
        var create = await kubectl.RunAsync("create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.ShouldContain($"validatingwebhookconfiguration.admissionregistration.k8s.io/check-{suffix} created");
        create.Stdout.ShouldContain($"mutatingwebhookconfiguration.admissionregistration.k8s.io/inject-{suffix} created");
        create.Stdout.ShouldContain($"validatingadmissionpolicy.admissionregistration.k8s.io/limit-{suffix} created");
        create.Stdout.ShouldContain($"validatingadmissionpolicybinding.admissionregistration.k8s.io/limit-{suffix} created");

        var mutating = await kubectl.RunAsync("get", "mutatingwebhookconfigurations", $"inject-{suffix}");
        mutating.ExitCode.ShouldBe(0, mutating.Stderr);
        mutating.Stdout.ShouldMatch(@"NAME\s+WEBHOOKS\s+AGE");
        mutating.Stdout.ShouldMatch($@"(?m)^inject-{suffix}\s+2\s+\d+s\s*$");
        var policy = await kubectl.RunAsync("get", "validatingadmissionpolicy", $"limit-{suffix}");
        policy.Stdout.ShouldMatch(@"NAME\s+VALIDATIONS\s+PARAMKIND\s+AGE");
        policy.Stdout.ShouldMatch($@"(?m)^limit-{suffix}\s+1\s+<unset>\s+\d+s\s*$");
        var binding = await kubectl.RunAsync("get", "validatingadmissionpolicybinding", $"limit-{suffix}");
        binding.Stdout.ShouldMatch(@"NAME\s+POLICYNAME\s+PARAMREF\s+AGE");
        binding.Stdout.ShouldMatch($@"(?m)^limit-{suffix}\s+limit-{suffix}\s+<unset>\s+\d+s\s*$");
        var defaults = await kubectl.RunAsync("get", "validatingwebhookconfiguration", $"check-{suffix}", "-o", "jsonpath={.webhooks[0].failurePolicy} {.webhooks[0].timeoutSeconds} {.webhooks[0].matchPolicy}");
        defaults.Stdout.ShouldBe("Fail 10 Equivalent");

        await File.WriteAllTextAsync(file, """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: bad
            webhooks:
            - name: bad.example.com
              admissionReviewVersions: ["v1"]
              clientConfig:
                url: https://hooks.example.com/bad
            """);
        var bad = await kubectl.RunAsync("create", "-f", file);
        bad.ExitCode.ShouldNotBe(0);
        bad.Stderr.Trim().ShouldBe("The ValidatingWebhookConfiguration \"bad\" is invalid: webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun");
    }

    [KubectlFact]
    public async Task GetFlowControl_MandatoryObjectsListed()
    {
        using var kubectl = new Kubectl(server);
        var schemas = await kubectl.RunAsync("get", "flowschemas");
        schemas.ExitCode.ShouldBe(0, schemas.Stderr);
        schemas.Stdout.ShouldMatch(@"NAME\s+PRIORITYLEVEL\s+MATCHINGPRECEDENCE\s+DISTINGUISHERMETHOD\s+AGE\s+MISSINGPL");
        schemas.Stdout.ShouldMatch(@"(?m)^exempt\s+exempt\s+1\s+<none>\s+\S+\s+\?\s*$");
        schemas.Stdout.ShouldMatch(@"(?m)^catch-all\s+catch-all\s+10000\s+ByUser\s+\S+\s+\?\s*$");
        var levels = await kubectl.RunAsync("get", "prioritylevelconfigurations");
        levels.ExitCode.ShouldBe(0, levels.Stderr);
        levels.Stdout.ShouldMatch(@"NAME\s+TYPE\s+NOMINALCONCURRENCYSHARES\s+QUEUES\s+HANDSIZE\s+QUEUELENGTHLIMIT\s+AGE");
        levels.Stdout.ShouldMatch(@"(?m)^exempt\s+Exempt\s+<none>\s+<none>\s+<none>\s+<none>\s+\S+\s*$");
        levels.Stdout.ShouldMatch(@"(?m)^catch-all\s+Limited\s+5\s+<none>\s+<none>\s+<none>\s+\S+\s*$");
    }
}
