"""Clusters through boto3: the lifecycle, waiters, paginators, updates and the modelled errors."""
import unittest

from support import client, create_cluster, default_subnets, error_of, role_arn, unique


class ClusterTests(unittest.TestCase):
    eks = client("eks")

    def test_lifecycle_is_observed_through_describe_and_waiters(self):
        name = unique("b3-life")
        created = self.eks.create_cluster(name=name, roleArn=role_arn(), resourcesVpcConfig={"subnetIds": default_subnets()})["cluster"]
        self.assertEqual(created["status"], "CREATING")
        self.assertEqual(created["name"], name)
        self.eks.get_waiter("cluster_active").wait(name=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        cluster = self.eks.describe_cluster(name=name)["cluster"]
        self.assertEqual(cluster["status"], "ACTIVE")
        self.assertTrue(cluster["endpoint"].startswith("https://"))
        self.assertTrue(cluster["identity"]["oidc"]["issuer"].startswith("https://"))
        self.assertEqual(cluster["arn"].split(":")[5], f"cluster/{name}")
        self.assertTrue(cluster["resourcesVpcConfig"]["vpcId"].startswith("vpc-"))
        self.assertEqual(sorted(cluster["resourcesVpcConfig"]["subnetIds"]), sorted(default_subnets()))
        self.assertIn(name, self.eks.list_clusters()["clusters"])

        deleting = self.eks.delete_cluster(name=name)["cluster"]
        self.assertEqual(deleting["status"], "DELETING")
        self.eks.get_waiter("cluster_deleted").wait(name=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertNotIn(name, self.eks.list_clusters()["clusters"])

    def test_list_clusters_paginates(self):
        names = [unique("b3-page") for _ in range(3)]
        for name in names:
            create_cluster(self.eks, name)
        pages = list(self.eks.get_paginator("list_clusters").paginate(PaginationConfig={"PageSize": 1}))
        listed = [n for page in pages for n in page["clusters"]]
        self.assertEqual(len(listed), len(set(listed)))
        for name in names:
            self.assertIn(name, listed)
        self.assertGreaterEqual(len(pages), 3)

    def test_update_cluster_config_creates_an_update_that_succeeds(self):
        name = unique("b3-upd")
        create_cluster(self.eks, name)
        update = self.eks.update_cluster_config(
            name=name, logging={"clusterLogging": [{"types": ["api", "audit"], "enabled": True}]})["update"]
        self.assertEqual(update["type"], "LoggingUpdate")
        described = self.eks.describe_update(name=name, updateId=update["id"])["update"]
        self.assertEqual(described["status"], "Successful")
        self.assertIn(update["id"], self.eks.list_updates(name=name)["updateIds"])
        logging = self.eks.describe_cluster(name=name)["cluster"]["logging"]["clusterLogging"]
        enabled = [t for entry in logging if entry["enabled"] for t in entry["types"]]
        self.assertEqual(sorted(enabled), ["api", "audit"])

    def test_update_cluster_version_goes_one_minor_up(self):
        name = unique("b3-ver")
        create_cluster(self.eks, name, version="1.31")
        update = self.eks.update_cluster_version(name=name, version="1.32")["update"]
        self.assertEqual(update["type"], "VersionUpdate")
        self.assertEqual(self.eks.describe_cluster(name=name)["cluster"]["version"], "1.32")
        code, message, status = error_of(self.eks.update_cluster_version, name=name, version="1.30")
        self.assertEqual((code, status), ("InvalidParameterException", 400))

    def test_errors_are_the_modelled_exceptions(self):
        with self.assertRaises(self.eks.exceptions.ResourceNotFoundException) as raised:
            self.eks.describe_cluster(name="b3-nope")
        self.assertEqual(raised.exception.response["Error"]["Message"], "No cluster found for name: b3-nope.")

        name = unique("b3-dup")
        create_cluster(self.eks, name)
        with self.assertRaises(self.eks.exceptions.ResourceInUseException):
            self.eks.create_cluster(name=name, roleArn=role_arn(), resourcesVpcConfig={"subnetIds": default_subnets()})

        code, _, status = error_of(self.eks.create_cluster, name=unique("b3-bad"), roleArn=role_arn(),
                                   version="1.12", resourcesVpcConfig={"subnetIds": default_subnets()})
        self.assertEqual((code, status), ("InvalidParameterException", 400))

    def test_describe_cluster_versions_lists_the_default(self):
        versions = self.eks.describe_cluster_versions()["clusterVersions"]
        defaults = [v["clusterVersion"] for v in versions if v.get("defaultVersion")]
        self.assertEqual(len(defaults), 1)

    def test_tags_on_a_cluster_arn(self):
        name = unique("b3-tags")
        arn = create_cluster(self.eks, name, tags={"team": "blue"})["arn"]
        self.eks.tag_resource(resourceArn=arn, tags={"env": "ci"})
        self.assertEqual(self.eks.list_tags_for_resource(resourceArn=arn)["tags"], {"team": "blue", "env": "ci"})
        self.eks.untag_resource(resourceArn=arn, tagKeys=["team"])
        self.assertEqual(self.eks.list_tags_for_resource(resourceArn=arn)["tags"], {"env": "ci"})
        with self.assertRaises(self.eks.exceptions.NotFoundException):
            self.eks.list_tags_for_resource(resourceArn=arn.replace(name, "b3-missing"))


if __name__ == "__main__":
    unittest.main()
