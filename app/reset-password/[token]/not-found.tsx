import { InvalidLinkPage } from "@/components/auth/invalid-link-page";

export default function ResetLinkNotFound() {
  return <InvalidLinkPage title="Reset link not valid" message="This password reset link is invalid, used or expired." next={{ href: "/forgot-password", label: "Ask for a new link" }} />;
}
