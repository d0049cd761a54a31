"""EKS add-ons through boto3: the catalog, the lifecycle with its waiters, updates and errors."""
import json
import unittest

from support import client, create_cluster, error_of, unique


class AddonTests(unittest.TestCase):
    eks = client("eks")

    def versions(self, addon, kubernetes):
        found = self.eks.describe_addon_versions(addonName=addon, kubernetesVersion=kubernetes)["addons"]
        self.assertEqual([a["addonName"] for a in found], [addon])
        return found[0]["addonVersions"]

    def test_catalog_has_the_core_add_ons_with_one_default_each(self):
        names = {a["addonName"] for page in self.eks.get_paginator("describe_addon_versions").paginate(kubernetesVersion="1.32")
                 for a in page["addons"]}
        for addon in ["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent", "aws-ebs-csi-driver"]:
            self.assertIn(addon, names)
            defaults = [v for v in self.versions(addon, "1.32")
                        if any(c["clusterVersion"] == "1.32" and c["defaultVersion"] for c in v["compatibilities"])]
            self.assertEqual(len(defaults), 1, addon)
        self.assertEqual(self.eks.describe_addon_versions(addonName="no-such-addon")["addons"], [])

    def test_configuration_schema_is_json_schema(self):
        version = self.versions("coredns", "1.32")[0]["addonVersion"]
        schema = self.eks.describe_addon_configuration(addonName="coredns", addonVersion=version)
        self.assertEqual(schema["addonName"], "coredns")
        self.assertIn("properties", json.loads(schema["configurationSchema"]))

    def test_addon_lifecycle_update_and_waiters(self):
        cluster = unique("b3-addon")
        create_cluster(self.eks, cluster, version="1.32")
        versions = [v["addonVersion"] for v in self.versions("kube-proxy", "1.32")]
        self.assertGreaterEqual(len(versions), 2)
        oldest, newest = versions[-1], versions[0]
        created = self.eks.create_addon(clusterName=cluster, addonName="kube-proxy", addonVersion=oldest)["addon"]
        self.assertEqual(created["status"], "CREATING")
        self.assertTrue(created["addonArn"].startswith(f"arn:aws:eks:"))
        self.eks.get_waiter("addon_active").wait(clusterName=cluster, addonName="kube-proxy", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertEqual(self.eks.list_addons(clusterName=cluster)["addons"], ["kube-proxy"])

        update = self.eks.update_addon(clusterName=cluster, addonName="kube-proxy", addonVersion=newest, resolveConflicts="OVERWRITE")["update"]
        self.assertEqual(update["type"], "AddonUpdate")
        described = self.eks.describe_update(name=cluster, addonName="kube-proxy", updateId=update["id"])["update"]
        self.assertEqual(described["status"], "Successful")
        self.assertEqual(self.eks.describe_addon(clusterName=cluster, addonName="kube-proxy")["addon"]["addonVersion"], newest)

        with self.assertRaises(self.eks.exceptions.ResourceInUseException):
            self.eks.create_addon(clusterName=cluster, addonName="kube-proxy")

        self.eks.delete_addon(clusterName=cluster, addonName="kube-proxy")
        self.eks.get_waiter("addon_deleted").wait(clusterName=cluster, addonName="kube-proxy", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        with self.assertRaises(self.eks.exceptions.ResourceNotFoundException):
            self.eks.describe_addon(clusterName=cluster, addonName="kube-proxy")

    def test_bad_add_ons_are_refused(self):
        cluster = unique("b3-addbad")
        create_cluster(self.eks, cluster, version="1.32")
        code, _, status = error_of(self.eks.create_addon, clusterName=cluster, addonName="no-such-addon")
        self.assertEqual((code, status), ("InvalidParameterException", 400))
        code, _, status = error_of(self.eks.create_addon, clusterName=cluster, addonName="coredns", configurationValues="{not json")
        self.assertEqual((code, status), ("InvalidParameterException", 400))
        with self.assertRaises(self.eks.exceptions.ResourceNotFoundException):
            self.eks.create_addon(clusterName=unique("b3-none"), addonName="coredns")


if __name__ == "__main__":
    unittest.main()
