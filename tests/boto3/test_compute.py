"""Node groups and Fargate profiles through boto3, with their waiters and paginators."""
import unittest

from support import client, create_cluster, default_subnets, error_of, role_arn, unique


class NodegroupTests(unittest.TestCase):
    eks = client("eks")

    def test_nodegroup_lifecycle_update_and_waiters(self):
        cluster = unique("b3-ng")
        create_cluster(self.eks, cluster)
        created = self.eks.create_nodegroup(clusterName=cluster, nodegroupName="workers", nodeRole=role_arn("b3NodeRole", "ec2.amazonaws.com"),
                                            subnets=default_subnets(),
                                            scalingConfig={"minSize": 1, "maxSize": 3, "desiredSize": 2})["nodegroup"]
        self.assertEqual(created["status"], "CREATING")
        self.eks.get_waiter("nodegroup_active").wait(clusterName=cluster, nodegroupName="workers", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        update = self.eks.update_nodegroup_config(clusterName=cluster, nodegroupName="workers",
                                                  scalingConfig={"minSize": 1, "maxSize": 5, "desiredSize": 4})["update"]
        described = self.eks.describe_update(name=cluster, nodegroupName="workers", updateId=update["id"])["update"]
        self.assertEqual(described["status"], "Successful")
        scaling = self.eks.describe_nodegroup(clusterName=cluster, nodegroupName="workers")["nodegroup"]["scalingConfig"]
        self.assertEqual(scaling, {"minSize": 1, "maxSize": 5, "desiredSize": 4})

        with self.assertRaises(self.eks.exceptions.ResourceInUseException):
            self.eks.delete_cluster(name=cluster)

        self.eks.delete_nodegroup(clusterName=cluster, nodegroupName="workers")
        self.eks.get_waiter("nodegroup_deleted").wait(clusterName=cluster, nodegroupName="workers", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertEqual(self.eks.list_nodegroups(clusterName=cluster)["nodegroups"], [])

    def test_scaling_bounds_are_validated(self):
        cluster = unique("b3-ngbad")
        create_cluster(self.eks, cluster)
        code, message, status = error_of(self.eks.create_nodegroup, clusterName=cluster, nodegroupName="bad",
                                         nodeRole=role_arn("b3NodeRole", "ec2.amazonaws.com"), subnets=default_subnets(),
                                         scalingConfig={"minSize": 3, "maxSize": 2, "desiredSize": 2})
        self.assertEqual((code, status), ("InvalidParameterException", 400))
        self.assertTrue(message)


class FargateTests(unittest.TestCase):
    eks = client("eks")
    ec2 = client("ec2")

    def private_subnets(self):
        vpc = self.ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        zones = [z["ZoneName"] for z in self.ec2.describe_availability_zones()["AvailabilityZones"]][:2]
        ids = []
        for zone in zones:
            existing = self.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "availability-zone", "Values": [zone]},
                                                          {"Name": "tag:b3", "Values": ["private"]}])["Subnets"]
            if existing:
                ids.append(existing[0]["SubnetId"])
                continue
            cidr = {zones[0]: "172.31.96.0/20", zones[1]: "172.31.112.0/20"}[zone]
            subnet = self.ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone, TagSpecifications=[
                {"ResourceType": "subnet", "Tags": [{"Key": "b3", "Value": "private"}]}])["Subnet"]
            self.assertFalse(subnet["MapPublicIpOnLaunch"])
            ids.append(subnet["SubnetId"])
        return ids

    def test_fargate_profile_lifecycle(self):
        cluster = unique("b3-fp")
        create_cluster(self.eks, cluster)
        profile = self.eks.create_fargate_profile(clusterName=cluster, fargateProfileName="apps", podExecutionRoleArn=role_arn("b3PodRole", "eks-fargate-pods.amazonaws.com"),
                                                  subnets=self.private_subnets(),
                                                  selectors=[{"namespace": "apps", "labels": {"tier": "web"}}])["fargateProfile"]
        self.assertEqual(profile["status"], "CREATING")
        self.eks.get_waiter("fargate_profile_active").wait(clusterName=cluster, fargateProfileName="apps", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertEqual(self.eks.list_fargate_profiles(clusterName=cluster)["fargateProfileNames"], ["apps"])
        self.eks.delete_fargate_profile(clusterName=cluster, fargateProfileName="apps")
        self.eks.get_waiter("fargate_profile_deleted").wait(clusterName=cluster, fargateProfileName="apps", WaiterConfig={"Delay": 1, "MaxAttempts": 3})

    def test_fargate_refuses_the_public_default_subnets(self):
        cluster = unique("b3-fppub")
        create_cluster(self.eks, cluster)
        code, _, status = error_of(self.eks.create_fargate_profile, clusterName=cluster, fargateProfileName="apps",
                                   podExecutionRoleArn=role_arn("b3PodRole", "eks-fargate-pods.amazonaws.com"), subnets=default_subnets(), selectors=[{"namespace": "apps"}])
        self.assertEqual((code, status), ("InvalidParameterException", 400))


if __name__ == "__main__":
    unittest.main()
