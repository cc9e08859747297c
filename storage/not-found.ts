import { S3ServiceException } from "@aws-sdk/client-s3";

/** S3 and S3-compatible servers say "not there" in several ways; all of them mean the same here. */
export function isNotFound(error: unknown) {
  if (error instanceof S3ServiceException) {
    return (
      error.$metadata.httpStatusCode === 404 ||
      error.name === "NoSuchKey" ||
      error.name === "NotFound"
    );
  }
  return false;
}
