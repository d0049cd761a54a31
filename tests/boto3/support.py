"""Shared set-up for the boto3 suite: clients pointed at Lotse by the environment (AWS_ENDPOINT_URL and the
admin keys that `. .lotse/env` exports), the cluster role, the default VPC's subnets, unique names."""
import json
import os
import uuid

import boto3



def trust(service):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})


def client(service):
    return boto3.client(service, region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def role_arn(name="eksClusterRole", service="eks.amazonaws.com"):
    """The ARN of a role that trusts <service>, created on first use."""
    iam = client("iam")
    try:
        return iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(service))["Role"]["Arn"]
    except iam.exceptions.EntityAlreadyExistsException:
        return iam.get_role(RoleName=name)["Role"]["Arn"]


def default_subnets():
    """Two subnets of the default VPC in different availability zones."""
    subnets = client("ec2").describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
    subnets.sort(key=lambda s: s["AvailabilityZone"])
    return [s["SubnetId"] for s in subnets[:2]]


def create_cluster(eks, name, **extra):
    """Creates a cluster on the default subnets and waits for ACTIVE (Lotse settles at once)."""
    cluster = eks.create_cluster(name=name, roleArn=role_arn(), resourcesVpcConfig={"subnetIds": default_subnets()}, **extra)["cluster"]
    eks.get_waiter("cluster_active").wait(name=name, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return cluster


def error_of(call, *args, **kwargs):
    """Runs a call that must fail and returns (code, message, http status) of the ClientError."""
    from botocore.exceptions import ClientError
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"].get("Message", ""), e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__} succeeded but should have failed")
