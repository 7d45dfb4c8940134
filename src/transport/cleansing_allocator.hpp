// An allocator that wipes memory before giving it back, for buffers that hold the API key.
#pragma once

#include <openssl/crypto.h>

#include <cstddef>
#include <memory>
#include <utility>

namespace talentray::detail {

/// Allocates through `Base` and overwrites every block with zeros (OPENSSL_cleanse, which the
/// optimiser may not remove) before deallocating it. The request header of every authenticated
/// call holds the key; with this allocator that copy lives only as long as the request, and
/// freed heap memory (or a core dump of it) does not keep it.
template <class T, class Base = std::allocator<T>>
class cleansing_allocator {
public:
    using value_type = T;
    template <class U>
    struct rebind {
        using other = cleansing_allocator<U, typename std::allocator_traits<Base>::template rebind_alloc<U>>;
    };

    cleansing_allocator() = default;
    explicit cleansing_allocator(Base base) noexcept : base_(std::move(base)) {}
    template <class U, class OtherBase>
    cleansing_allocator(const cleansing_allocator<U, OtherBase>& other) noexcept : base_(other.base()) {}

    T* allocate(std::size_t n) { return std::allocator_traits<Base>::allocate(base_, n); }

    void deallocate(T* block, std::size_t n) noexcept {
        OPENSSL_cleanse(block, n * sizeof(T));
        std::allocator_traits<Base>::deallocate(base_, block, n);
    }

    const Base& base() const noexcept { return base_; }

    template <class U, class OtherBase>
    bool operator==(const cleansing_allocator<U, OtherBase>& other) const noexcept {
        return base_ == other.base();
    }

private:
    Base base_;
};

}  // namespace talentray::detail
